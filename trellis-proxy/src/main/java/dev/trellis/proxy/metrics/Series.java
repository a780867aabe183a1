package dev.trellis.proxy.metrics;

import dev.trellis.proxy.http.GrpcStatus;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;

/**
 * The data points of one label set, fetched from the metric families once and then reused: recording
 * a request is an add to the request counter, an observation of the latency histogram (a striped
 * atomic increment, a bucket add, a sum add and a count add) and, for the proxy's own failures, an
 * add to the error counter. No lookup, no allocation.
 *
 * <p>Immutable; the data points it holds are thread-safe.
 */
final class Series {
  private final String route;
  private final int status;
  private final int grpcStatus;
  private final boolean failure;
  /** The head of the proxy's error reason (see {@link ErrorKinds}), or null. */
  private final String errorHead;
  private final CounterDataPoint requests;
  private final DistributionDataPoint latency;
  private final CounterDataPoint errors;

  private Series(String route, int status, int grpcStatus, boolean failure, String errorHead,
      CounterDataPoint requests, DistributionDataPoint latency, CounterDataPoint errors) {
    this.route = route;
    this.status = status;
    this.grpcStatus = grpcStatus;
    this.failure = failure;
    this.errorHead = errorHead;
    this.requests = requests;
    this.latency = latency;
    this.errors = errors;
  }

  /**
   * The data points for one outcome of requests to one service and route, created (or found, when an
   * earlier snapshot made them) in {@code metrics}' families.
   *
   * @param route     the route's {@code namespace/name}; empty when no route applied
   * @param status    the HTTP status sent downstream; 0 when none was (a reset, a cut connection)
   * @param errorReason the reason of the proxy's own error ({@code x-trellis-error}), or null;
   *     only its fixed head becomes a label (see {@link ErrorKinds})
   */
  static Series create(ProxyMetrics metrics, Direction direction, String namespace, String service,
      String route, int status, int grpcStatus, boolean failure, String errorReason) {
    String code = Integer.toString(status);
    CounterDataPoint requests = metrics.requests.labelValues(direction.label(), namespace, service, route,
        code, grpcStatus == GrpcStatus.NONE ? "" : Integer.toString(grpcStatus),
        failure ? "failure" : "success");
    DistributionDataPoint latency =
        metrics.latency.labelValues(direction.label(), namespace, service, route, code);
    String head = errorReason == null ? null : ErrorKinds.head(errorReason);
    CounterDataPoint errors = head == null
        ? null
        : metrics.errors.labelValues(direction.label(), namespace, service, ErrorKinds.kindOf(head));
    return new Series(route, status, grpcStatus, failure, head, requests, latency, errors);
  }

  boolean matches(String route, int status, int grpcStatus, boolean failure, String errorReason) {
    return this.status == status
        && this.grpcStatus == grpcStatus
        && this.failure == failure
        && this.route.equals(route)
        && (errorHead == null
            ? errorReason == null
            : errorReason != null && ErrorKinds.hasHead(errorReason, errorHead));
  }

  /** Counts one request that took {@code latencyNanos}. */
  void record(long latencyNanos) {
    requests.inc();
    latency.observe(latencyNanos / 1e6);
    if (errors != null) {
      errors.inc();
    }
  }
}
