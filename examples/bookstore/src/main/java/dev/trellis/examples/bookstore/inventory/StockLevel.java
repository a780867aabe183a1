package dev.trellis.examples.bookstore.inventory;

/**
 * The body of inventory's {@code GET /stock/{id}}.
 *
 * @param available copies on the shelf; 0 means sold out
 * @param instance the inventory instance that answered
 */
public record StockLevel(String bookId, int available, String instance) {}
