/** The small HTTP server and reply types the HTTP services share (JDK {@code com.sun.net.httpserver}). */
package dev.trellis.examples.bookstore.http;
