/** What every service's command shares: common flags, duration parsing, running until SIGTERM. */
package dev.trellis.examples.bookstore.launch;
