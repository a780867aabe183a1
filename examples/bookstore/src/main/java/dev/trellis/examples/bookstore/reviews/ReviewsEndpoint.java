package dev.trellis.examples.bookstore.reviews;

import dev.trellis.examples.bookstore.reviews.api.GetReviewsRequest;
import dev.trellis.examples.bookstore.reviews.api.GetReviewsResponse;
import dev.trellis.examples.bookstore.reviews.api.Review;
import dev.trellis.examples.bookstore.reviews.api.ReviewsGrpc;
import dev.trellis.examples.bookstore.reviews.api.WatchReviewsRequest;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code trellis.examples.bookstore.v1.Reviews} gRPC service.
 *
 * <p>{@code GetReviews} answers from {@link ReviewLibrary}. {@code WatchReviews} sends a book's
 * reviews, then one fresh review every {@code watchInterval} on {@code scheduler}, until the
 * limit or the client's cancellation. Each watch has one periodic task, so its {@code onNext}
 * calls never overlap (fixed-rate runs of one task do not).
 */
final class ReviewsEndpoint extends ReviewsGrpc.ReviewsImplBase {
  private final String instance;
  private final Duration watchInterval;
  private final ScheduledExecutorService scheduler;

  ReviewsEndpoint(String instance, Duration watchInterval, ScheduledExecutorService scheduler) {
    this.instance = instance;
    this.watchInterval = watchInterval;
    this.scheduler = scheduler;
  }

  @Override
  public void getReviews(GetReviewsRequest request, StreamObserver<GetReviewsResponse> responses) {
    if (request.getBookId().isBlank()) {
      responses.onError(Status.INVALID_ARGUMENT.withDescription("book_id: \"\" (expected: a book id)").asRuntimeException());
      return;
    }
    List<Review> reviews = ReviewLibrary.of(request.getBookId());
    double average = reviews.stream().mapToInt(Review::getRating).average().orElse(0.0);
    responses.onNext(GetReviewsResponse.newBuilder()
        .setBookId(request.getBookId())
        .addAllReviews(reviews)
        .setAverageRating(average)
        .setInstance(instance)
        .build());
    responses.onCompleted();
  }

  @Override
  public void watchReviews(WatchReviewsRequest request, StreamObserver<Review> responses) {
    if (request.getBookId().isBlank()) {
      responses.onError(Status.INVALID_ARGUMENT.withDescription("book_id: \"\" (expected: a book id)").asRuntimeException());
      return;
    }
    long limit = request.getLimit() == 0 ? Long.MAX_VALUE : Integer.toUnsignedLong(request.getLimit());
    var stream = (ServerCallStreamObserver<Review>) responses;
    long sent = 0;
    for (Review review : ReviewLibrary.of(request.getBookId())) {
      if (sent == limit) {
        break;
      }
      stream.onNext(review);
      sent++;
    }
    if (sent == limit) {
      stream.onCompleted();
      return;
    }
    AtomicLong total = new AtomicLong(sent);
    AtomicLong fresh = new AtomicLong();
    Runnable sendFresh = new Runnable() {
      @Override
      public void run() {
        if (stream.isCancelled()) {
          return;
        }
        stream.onNext(ReviewLibrary.fresh(request.getBookId(), fresh.getAndIncrement()));
        if (total.incrementAndGet() == limit) {
          stream.onCompleted();
          throw new StopWatch(); // ends the periodic task; nothing else sees this
        }
      }
    };
    ScheduledFuture<?> task = scheduler.scheduleAtFixedRate(
        sendFresh, watchInterval.toNanos(), watchInterval.toNanos(), TimeUnit.NANOSECONDS);
    stream.setOnCancelHandler(() -> task.cancel(false));
  }

  /** Thrown from a watch's periodic task to stop it once the stream has completed. */
  private static final class StopWatch extends RuntimeException {
    StopWatch() {
      super(null, null, false, false);
    }
  }
}
