/**
 * The sidecar's own request metrics, in Prometheus text format on the admin port's {@code /metrics}.
 *
 * <pre>
 *   ProxyMetrics      the process's metric families and registry; scraped by /metrics
 *   RequestMetrics    the stage on both request paths: counts and times every exchange as it ends
 *   ServiceSeries     one service's data points, cached per label set for one snapshot
 *   Series            the data points of one label set: a few atomic adds per request
 *   ProcessStats      process_* figures read from /proc when scraped
 * </pre>
 *
 * <p>Labels come from the snapshot (service, route) and from small closed sets (direction, status
 * code, gRPC status, the proxy's error kinds), never from raw request data, so the number of series
 * is bounded by the mesh's configuration. See docs/metrics.md for every metric.
 */
package dev.trellis.proxy.metrics;
