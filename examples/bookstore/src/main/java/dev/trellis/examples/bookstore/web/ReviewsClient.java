package dev.trellis.examples.bookstore.web;

import dev.trellis.examples.bookstore.reviews.api.GetReviewsRequest;
import dev.trellis.examples.bookstore.reviews.api.GetReviewsResponse;
import dev.trellis.examples.bookstore.reviews.api.ReviewsGrpc;
import dev.trellis.examples.bookstore.upstream.Upstream;
import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Web's view of reviews: {@code GetReviews} for several books at once, over one gRPC channel.
 *
 * <p>Plaintext h2c to the sidecar's local port (or to reviews itself without the mesh). Proxy
 * detection is off: {@code HTTP_PROXY} is for the HTTP upstreams, and gRPC must not be tunnelled
 * through it. Thread-safe; {@link #close} releases the channel.
 */
final class ReviewsClient implements AutoCloseable {

  /** The reviews that came back, by book id, and one line per distinct failure. */
  record Result(Map<String, GetReviewsResponse> byBook, List<String> problems) {}

  private final Upstream reviews;
  private final ManagedChannel channel;
  private final ReviewsGrpc.ReviewsFutureStub stub;
  private final Duration timeout;

  ReviewsClient(Upstream reviews, Duration timeout) {
    this.reviews = reviews;
    this.channel = Grpc.newChannelBuilderForAddress(
            reviews.address().host(), reviews.address().port(), InsecureChannelCredentials.create())
        .proxyDetector(target -> null)
        .build();
    this.stub = ReviewsGrpc.newFutureStub(channel);
    this.timeout = timeout;
  }

  /** Asks for every book's reviews in parallel; blocks until all answered or failed. */
  Result reviewsOf(List<String> bookIds) {
    Map<String, ListenableFuture<GetReviewsResponse>> pending = new LinkedHashMap<>();
    for (String bookId : bookIds) {
      pending.put(bookId, stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .getReviews(GetReviewsRequest.newBuilder().setBookId(bookId).build()));
    }
    Map<String, GetReviewsResponse> byBook = new LinkedHashMap<>();
    Set<String> problems = new LinkedHashSet<>();
    for (var entry : pending.entrySet()) {
      try {
        byBook.put(entry.getKey(), entry.getValue().get());
      } catch (ExecutionException e) {
        Status status = Status.fromThrowable(e.getCause());
        problems.add("reviews at " + reviews.address() + " failed: " + status.getCode()
            + (status.getDescription() == null ? "" : ": " + status.getDescription()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        problems.add("reviews: interrupted");
        break;
      }
    }
    if (!problems.isEmpty()) {
      // After an outage the channel would wait out an exponential backoff (up to two minutes)
      // before reconnecting; a page load is a good moment to try again at once.
      channel.resetConnectBackoff();
    }
    return new Result(byBook, new ArrayList<>(problems));
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
