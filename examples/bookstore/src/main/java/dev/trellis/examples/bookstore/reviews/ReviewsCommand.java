package dev.trellis.examples.bookstore.reviews;

import dev.trellis.examples.bookstore.launch.RunningService;
import dev.trellis.examples.bookstore.launch.ServiceOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code Bookstore reviews}: runs one reviews instance until stopped. */
@Command(name = "reviews", description = "The reviews: readers' reviews per book (gRPC, with grpc.health.v1).")
public final class ReviewsCommand implements Callable<Integer> {

  @Mixin
  ServiceOptions service;

  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--watch-interval-ms", defaultValue = "2000", paramLabel = "MS",
      description = "How often WatchReviews sends a fresh review (default: ${DEFAULT-VALUE}).")
  long watchIntervalMillis;

  @Override
  public Integer call() throws Exception {
    String instance = service.instance("reviews");
    ReviewsService reviews = ReviewsService.start(
        new ReviewsService.Config(service.port(), instance, Duration.ofMillis(watchIntervalMillis)));
    RunningService.runUntilStopped("reviews", "reviews instance " + instance + " started (gRPC, h2c)",
        reviews.port(), reviews, System.out);
    return 0;
  }
}
