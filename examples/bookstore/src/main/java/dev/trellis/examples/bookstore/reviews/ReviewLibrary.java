package dev.trellis.examples.bookstore.reviews;

import dev.trellis.examples.bookstore.reviews.api.Review;
import java.util.List;
import java.util.Map;

/**
 * The reviews the service knows, per book, and the pool that fresh reviews for a watch come from.
 *
 * <p>Fixed data, immutable, thread-safe.
 */
final class ReviewLibrary {
  private static final Map<String, List<Review>> BY_BOOK = Map.of(
      "dune", List.of(
          review("dune", "ana", 5, "The desert has never felt so alive."),
          review("dune", "tomas", 4, "Slow start, then impossible to put down.")),
      "left-hand-of-darkness", List.of(
          review("left-hand-of-darkness", "mei", 5, "Quietly changed how I think.")),
      "neuromancer", List.of(
          review("neuromancer", "jules", 4, "Dense, electric, still ahead of its time."),
          review("neuromancer", "ravi", 3, "Loved the mood, lost the plot twice.")),
      "foundation", List.of(
          review("foundation", "ines", 4, "Big ideas in small rooms.")));

  private static final List<String> FRESH_TEXTS = List.of(
      "Just finished it. Wow.",
      "Recommended it to my whole book club.",
      "Better on the second read.",
      "The ending stayed with me for days.");

  private ReviewLibrary() {}

  /** The reviews of one book; empty for a book nobody reviewed yet or an unknown one. */
  static List<Review> of(String bookId) {
    return BY_BOOK.getOrDefault(bookId, List.of());
  }

  /** The {@code n}-th fresh review of a book for a watch (n from 0); cycles through a small pool. */
  static Review fresh(String bookId, long n) {
    int index = (int) (n % FRESH_TEXTS.size());
    return review(bookId, "reader-" + (n + 1), 3 + index % 3, FRESH_TEXTS.get(index));
  }

  private static Review review(String bookId, String reviewer, int rating, String text) {
    return Review.newBuilder().setBookId(bookId).setReviewer(reviewer).setRating(rating).setText(text).build();
  }
}
