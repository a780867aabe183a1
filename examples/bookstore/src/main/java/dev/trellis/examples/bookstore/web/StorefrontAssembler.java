package dev.trellis.examples.bookstore.web;

import dev.trellis.examples.bookstore.catalog.CatalogAnswer;
import dev.trellis.examples.bookstore.catalog.CatalogBook;
import dev.trellis.examples.bookstore.reviews.api.GetReviewsResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the {@link Storefront} from catalog (which already joined inventory) and reviews.
 *
 * <p>Catalog is required: without it there is nothing to list, and {@link #assemble} throws.
 * Reviews and stock are optional: a failure leaves those fields null and adds a line to
 * {@code problems}. Thread-safe.
 */
final class StorefrontAssembler {
  private final String instance;
  private final CatalogClient catalog;
  private final ReviewsClient reviews;

  StorefrontAssembler(String instance, CatalogClient catalog, ReviewsClient reviews) {
    this.instance = instance;
    this.catalog = catalog;
    this.reviews = reviews;
  }

  Storefront assemble() throws CatalogClient.CatalogUnavailable {
    CatalogAnswer answer = catalog.books();
    ReviewsClient.Result found = reviews.reviewsOf(answer.books().stream().map(CatalogBook::id).toList());
    Set<String> problems = new LinkedHashSet<>();
    List<Storefront.ShelfBook> books = new ArrayList<>();
    for (CatalogBook book : answer.books()) {
      if (book.stockError() != null) {
        problems.add("stock unknown: " + book.stockError());
      }
      GetReviewsResponse bookReviews = found.byBook().get(book.id());
      books.add(new Storefront.ShelfBook(
          book.id(), book.title(), book.author(), book.year(), book.format(), book.stock(), book.stockError(),
          bookReviews == null ? null : bookReviews.getAverageRating(),
          bookReviews == null ? null : bookReviews.getReviewsList().stream()
              .map(review -> new Storefront.ShelfReview(review.getReviewer(), review.getRating(), review.getText()))
              .toList()));
    }
    problems.addAll(found.problems());
    return new Storefront(answer.version(), answer.instance(), instance, books, new ArrayList<>(problems));
  }
}
