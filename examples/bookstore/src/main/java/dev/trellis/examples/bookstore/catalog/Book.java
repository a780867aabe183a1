package dev.trellis.examples.bookstore.catalog;

import java.util.List;

/**
 * One book as the catalog knows it (titles and formats; stock belongs to inventory).
 *
 * @param format how the book is sold; only catalog v2 reports it
 */
public record Book(String id, String title, String author, int year, String format) {

  /** The bookstore's shelf, in the order the page lists it. */
  public static final List<Book> SHELF = List.of(
      new Book("dune", "Dune", "Frank Herbert", 1965, "paperback"),
      new Book("left-hand-of-darkness", "The Left Hand of Darkness", "Ursula K. Le Guin", 1969, "hardcover"),
      new Book("neuromancer", "Neuromancer", "William Gibson", 1984, "ebook"),
      new Book("foundation", "Foundation", "Isaac Asimov", 1951, "paperback"),
      new Book("hyperion", "Hyperion", "Dan Simmons", 1989, "audiobook"));
}
