/** The socket transport: native epoll where available, NIO otherwise. */
package dev.trellis.proxy.transport;
