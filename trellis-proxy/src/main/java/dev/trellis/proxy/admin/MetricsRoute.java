package dev.trellis.proxy.admin;

import dev.trellis.proxy.metrics.ProxyMetrics;

/**
 * {@code /metrics}: the proxy's request, error and process metrics in the Prometheus text format,
 * for Prometheus (or anything that reads the format) to scrape. See docs/metrics.md.
 */
final class MetricsRoute implements AdminRoute {
  private final ProxyMetrics metrics;

  MetricsRoute(ProxyMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public AdminResponse get() {
    return new AdminResponse(200, metrics.contentType(), metrics.scrape());
  }
}
