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
  private final String errorKind;
  private final CounterDataPoint requests;
  private final DistributionDataPoint latency;
  private final CounterDataPoint errors;

  private Series(String route, int status, int grpcStatus, boolean failure, String errorKind,
      CounterDataPoint requests, DistributionDataPoint latency, CounterDataPoint errors) {
    this.route = route;
    this.status = status;
    this.grpcStatus = grpcStatus;
    this.failure = failure;
    this.errorKind = errorKind;
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
   * @param errorKind the proxy's own error kind (see {@link ErrorKinds}), or null
   */
  static Series create(ProxyMetrics metrics, Direction direction, String namespace, String service,
      String route, int status, int grpcStatus, boolean failure, String errorKind) {
    String code = Integer.toString(status);
    CounterDataPoint requests = metrics.requests.labelValues(direction.label(), namespace, service, route,
        code, grpcStatus == GrpcStatus.NONE ? "" : Integer.toString(grpcStatus),
        failure ? "failure" : "success");
    DistributionDataPoint latency =
        metrics.latency.labelValues(direction.label(), namespace, service, route, code);
    CounterDataPoint errors = errorKind == null
        ? null
        : metrics.errors.labelValues(direction.label(), namespace, service, errorKind);
    return new Series(route, status, grpcStatus, failure, errorKind, requests, latency, errors);
  }

  boolean matches(String route, int status, int grpcStatus, boolean failure, String errorKind) {
    return this.status == status
        && this.grpcStatus == grpcStatus
        && this.failure == failure
        && this.route.equals(route)
        && (this.errorKind == null ? errorKind == null : this.errorKind.equals(errorKind));
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
