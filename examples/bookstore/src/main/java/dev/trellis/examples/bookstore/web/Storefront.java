package dev.trellis.examples.bookstore.web;

import java.util.List;

/**
 * Everything the bookstore page shows: the books with stock and reviews, who answered, and
 * what went wrong. The body of web's {@code GET /api/books}.
 *
 * @param catalogVersion the catalog version that answered ({@code v1}, {@code v2})
 * @param catalogInstance the catalog instance that answered
 * @param servedBy this web instance
 * @param problems one line per dependency that failed; empty when all answered
 */
public record Storefront(
    String catalogVersion, String catalogInstance, String servedBy, List<ShelfBook> books, List<String> problems) {

  public Storefront {
    books = List.copyOf(books);
    problems = List.copyOf(problems);
  }

  /**
   * One book on the page.
   *
   * @param format null when catalog v1 answered
   * @param stock null when inventory could not say ({@code stockError} says why)
   * @param averageRating null when reviews could not be fetched
   * @param reviews null when reviews could not be fetched; empty when there are none
   */
  public record ShelfBook(
      String id,
      String title,
      String author,
      int year,
      String format,
      Integer stock,
      String stockError,
      Double averageRating,
      List<ShelfReview> reviews) {}

  /** One reader's review. */
  public record ShelfReview(String reviewer, int rating, String text) {}
}
