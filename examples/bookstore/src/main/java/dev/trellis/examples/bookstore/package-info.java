/** The bookstore example: {@link dev.trellis.examples.bookstore.Bookstore} runs each service as a subcommand. */
package dev.trellis.examples.bookstore;
