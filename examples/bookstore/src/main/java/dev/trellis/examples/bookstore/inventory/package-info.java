/** The inventory service: copies in stock per book. */
package dev.trellis.examples.bookstore.inventory;
