package dev.trellis.examples.bookstore.catalog;

import java.util.List;

/**
 * The body of {@code GET /books} and {@code GET /books/{id}}: which catalog answered and the books.
 *
 * @param version {@code v1} or {@code v2}
 * @param instance the answering instance's name
 * @param books every book for {@code /books}, one for {@code /books/{id}}
 */
public record CatalogAnswer(String version, String instance, List<CatalogBook> books) {

  public CatalogAnswer {
    books = List.copyOf(books);
  }
}
