/** The catalog service: books joined with inventory's stock, in two versions, with optional injected faults. */
package dev.trellis.examples.bookstore.catalog;
