/** The web front end: the page and {@code /api/books}, assembled from catalog and reviews, degrading when they fail. */
package dev.trellis.examples.bookstore.web;
