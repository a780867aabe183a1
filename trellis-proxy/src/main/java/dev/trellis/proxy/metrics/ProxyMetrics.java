package dev.trellis.proxy.metrics;

import dev.trellis.proxy.mesh.ServiceKey;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.IntSupplier;

/**
 * The metric families of one sidecar process and the registry that exposes them: request counts,
 * response latencies and the proxy's own failures per direction, service and route, byte-relay
 * connections and bytes per direction and service, plus a few process figures. Lives as long as the proxy: request chains are rebuilt per snapshot, but the
 * counts they record go on across snapshots.
 *
 * <p>Names carry the {@code trellis_} prefix (process figures keep the standard {@code process_}
 * names so that stock dashboards work). docs/metrics.md lists them all.
 *
 * <p>Threading: thread-safe. Recording is lock-free (see {@link Series}); {@link #scrape} may run on
 * any thread, concurrently with recording.
 */
public final class ProxyMetrics {
  /**
   * Upper bounds of the latency buckets, in milliseconds: fine below 10 ms, where a mesh hop and a
   * fast service live, then roughly 1-2-5 steps up to a minute. Each bucket is a series per label
   * set, so there are 16 rather than Linkerd's 25.
   */
  static final double[] LATENCY_BUCKETS_MS = {
    0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000
  };

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  final Counter requests;
  final Histogram latency;
  final Counter errors;
  private final Counter tcpOpened;
  private final Counter tcpClosed;
  private final Counter tcpReceived;
  private final Counter tcpSent;

  public ProxyMetrics() {
    // Exemplars are off: nothing traces yet, and sampling them costs on every observation.
    requests = Counter.builder()
        .name("trellis_requests_total")
        .help("HTTP requests that ended, by where they went and how they ended")
        .labelNames("direction", "namespace", "service", "route", "status_code", "grpc_status",
            "classification")
        .withoutExemplars()
        .register(registry);
    latency = Histogram.builder()
        .name("trellis_response_latency_ms")
        .help("Time from the request head's arrival at the proxy to the end of the response, in ms")
        .labelNames("direction", "namespace", "service", "route", "status_code")
        .classicOnly()
        .classicUpperBounds(LATENCY_BUCKETS_MS)
        .withoutExemplars()
        .register(registry);
    errors = Counter.builder()
        .name("trellis_proxy_errors_total")
        .help("Requests the proxy failed itself (the x-trellis-error kinds), by where they went")
        .labelNames("direction", "namespace", "service", "kind")
        .withoutExemplars()
        .register(registry);
    tcpOpened = tcpCounter("trellis_tcp_connections_opened_total", "Byte-relay connections opened");
    tcpClosed = tcpCounter("trellis_tcp_connections_closed_total", "Byte-relay connections closed");
    tcpReceived = tcpCounter("trellis_tcp_received_bytes_total",
        "Bytes the client of a byte-relay connection sent the proxy");
    tcpSent = tcpCounter("trellis_tcp_sent_bytes_total",
        "Bytes the proxy sent the client of a byte-relay connection");
    ProcessStats.register(registry);
  }

  private Counter tcpCounter(String name, String help) {
    return Counter.builder()
        .name(name)
        .help(help + " (opaque TCP, upgrade tunnels)")
        .labelNames("direction", "namespace", "service")
        .withoutExemplars()
        .register(registry);
  }

  /**
   * The handler that counts byte-relay connections of {@code direction} for {@code service}; one
   * per listener (or per local service), shared by its connections.
   */
  public TcpMetricsHandler tcp(Direction direction, ServiceKey service) {
    String[] labels = {direction.label(), service.namespace(), service.name()};
    return new TcpMetricsHandler(tcpOpened.labelValues(labels), tcpClosed.labelValues(labels),
        tcpReceived.labelValues(labels), tcpSent.labelValues(labels));
  }

  /** Exposes {@code inFlight} as {@code trellis_requests_in_flight}, read when scraped. */
  public void inFlight(IntSupplier inFlight) {
    GaugeWithCallback.builder()
        .name("trellis_requests_in_flight")
        .help("HTTP exchanges begun and not yet ended, inbound and outbound")
        .callback(gauge -> gauge.call(inFlight.getAsInt()))
        .register(registry);
  }

  /** The content type of {@link #scrape()}. */
  public String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }

  /** Every metric now, in the Prometheus text format. */
  public byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }
}
