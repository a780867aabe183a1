package dev.trellis.proxy.metrics;

import java.util.Arrays;

/**
 * The series of one service in one direction, for the life of one snapshot: every label set seen
 * so far (route, status, gRPC status, classification, error kind) with its data points.
 *
 * <p>A request finds its label set by scanning a short array (a service sees a handful of
 * outcomes); the first request of a new outcome adds it under a lock, copying the array, so the
 * scan itself never locks. Labels are bounded by the snapshot and by closed sets, so the array is
 * too.
 *
 * <p>Threading: {@link #of} from any event loop.
 */
final class ServiceSeries {
  private final ProxyMetrics metrics;
  private final Direction direction;
  private final String namespace;
  private final String service;
  private volatile Series[] known = new Series[0];

  ServiceSeries(ProxyMetrics metrics, Direction direction, String namespace, String service) {
    this.metrics = metrics;
    this.direction = direction;
    this.namespace = namespace;
    this.service = service;
  }

  /** The data points of one outcome; see {@link Series#create} for the parameters. */
  Series of(String route, int status, int grpcStatus, boolean failure, String errorReason) {
    for (Series series : known) {
      if (series.matches(route, status, grpcStatus, failure, errorReason)) {
        return series;
      }
    }
    return add(route, status, grpcStatus, failure, errorReason);
  }

  private synchronized Series add(String route, int status, int grpcStatus, boolean failure,
      String errorReason) {
    Series[] now = known;
    for (Series series : now) {
      if (series.matches(route, status, grpcStatus, failure, errorReason)) {
        return series; // another event loop added it meanwhile
      }
    }
    Series created = Series.create(metrics, direction, namespace, service, route, status, grpcStatus,
        failure, errorReason);
    Series[] grown = Arrays.copyOf(now, now.length + 1);
    grown[now.length] = created;
    known = grown;
    return created;
  }
}
