package dev.trellis.examples.bookstore.http;

import java.net.URI;

/**
 * The parts of an incoming HTTP request that the bookstore's handlers look at.
 *
 * @param method e.g. {@code GET}
 * @param path the decoded path without the query, e.g. {@code /books/dune}; also for an
 *     absolute-form request ({@code GET http://catalog/books})
 * @param uri the request target as received
 */
public record Request(String method, String path, URI uri) {}
