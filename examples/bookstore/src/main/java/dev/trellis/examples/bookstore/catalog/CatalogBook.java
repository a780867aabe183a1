package dev.trellis.examples.bookstore.catalog;

/**
 * A book as the catalog answers it: its details and its stock from inventory.
 *
 * <p>This is the catalog's wire format, read back by web. Null fields are left out of the JSON.
 *
 * @param format null from catalog v1
 * @param stock copies in stock, null when inventory could not say
 * @param stockError why {@code stock} is null, e.g. {@code inventory answered 503}
 */
public record CatalogBook(
    String id, String title, String author, int year, String format, Integer stock, String stockError) {}
