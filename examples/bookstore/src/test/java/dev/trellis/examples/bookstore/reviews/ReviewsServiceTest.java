package dev.trellis.examples.bookstore.reviews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.examples.bookstore.reviews.api.GetReviewsRequest;
import dev.trellis.examples.bookstore.reviews.api.GetReviewsResponse;
import dev.trellis.examples.bookstore.reviews.api.Review;
import dev.trellis.examples.bookstore.reviews.api.ReviewsGrpc;
import dev.trellis.examples.bookstore.reviews.api.WatchReviewsRequest;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reviews gRPC service through a real channel: unary, server streaming, health. */
class ReviewsServiceTest {
  private static ReviewsService reviews;
  private static ManagedChannel channel;

  @BeforeAll
  static void start() throws Exception {
    reviews = ReviewsService.start(new ReviewsService.Config(0, "reviews-a", Duration.ofMillis(10)));
    channel = Grpc.newChannelBuilderForAddress("127.0.0.1", reviews.port(), InsecureChannelCredentials.create()).build();
  }

  @AfterAll
  static void stop() {
    channel.shutdownNow();
    reviews.close();
  }

  @Test
  void getReviewsAnswersWithRatingsAndInstance() {
    GetReviewsResponse response = ReviewsGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
        .getReviews(GetReviewsRequest.newBuilder().setBookId("neuromancer").build());

    assertThat(response.getBookId()).isEqualTo("neuromancer");
    assertThat(response.getReviewsList()).extracting(Review::getReviewer).containsExactly("jules", "ravi");
    assertThat(response.getAverageRating()).isEqualTo(3.5);
    assertThat(response.getInstance()).isEqualTo("reviews-a");
  }

  @Test
  void anUnreviewedBookHasNoReviewsAndAnEmptyIdIsRefused() {
    var stub = ReviewsGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
    assertThat(stub.getReviews(GetReviewsRequest.newBuilder().setBookId("hyperion").build()).getReviewsCount()).isZero();
    assertThatThrownBy(() -> stub.getReviews(GetReviewsRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).isEqualTo("book_id: \"\" (expected: a book id)");
        });
  }

  @Test
  void watchStreamsExistingReviewsThenFreshOnesUpToTheLimit() {
    List<Review> received = new ArrayList<>();
    ReviewsGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
        .watchReviews(WatchReviewsRequest.newBuilder().setBookId("dune").setLimit(5).build())
        .forEachRemaining(received::add);

    assertThat(received).hasSize(5);
    assertThat(received).extracting(Review::getReviewer).containsExactly("ana", "tomas", "reader-1", "reader-2", "reader-3");
    assertThat(received).allSatisfy(review -> assertThat(review.getBookId()).isEqualTo("dune"));
  }

  @Test
  void anOpenEndedWatchKeepsStreamingUntilCancelled() {
    List<Review> received = new CopyOnWriteArrayList<>();
    var context = io.grpc.Context.current().withCancellation();
    context.run(() -> ReviewsGrpc.newStub(channel).watchReviews(
        WatchReviewsRequest.newBuilder().setBookId("foundation").build(), new StreamObserver<>() {
          @Override
          public void onNext(Review review) {
            received.add(review);
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {}
        }));
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= 4);
    context.cancel(null);
    assertThat(received.get(0).getReviewer()).isEqualTo("ines");
    assertThat(received.get(1).getReviewer()).isEqualTo("reader-1");
  }

  @Test
  void reportsServingThroughTheStandardHealthService() {
    var health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
    assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    assertThat(health.check(HealthCheckRequest.newBuilder().setService("trellis.examples.bookstore.v1.Reviews").build())
        .getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  void aZeroWatchIntervalIsRefused() {
    assertThatThrownBy(() -> new ReviewsService.Config(0, "x", Duration.ZERO))
        .hasMessage("--watch-interval-ms: 0 (expected: > 0)");
  }
}
