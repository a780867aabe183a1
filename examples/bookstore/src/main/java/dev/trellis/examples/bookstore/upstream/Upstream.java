package dev.trellis.examples.bookstore.upstream;

import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Where one upstream service is reached, and how: a sidecar's local port, the sidecar as an
 * HTTP proxy, or the service's own address when running without the mesh.
 *
 * <p>Immutable and thread-safe.
 *
 * @param service the mesh service name, e.g. {@code catalog}
 * @param via how the address was chosen and what it expects
 * @param address the socket to connect to (the sidecar, the proxy, or the service itself)
 * @param source what configured it, for logs: {@code TRELLIS_UPSTREAM_CATALOG}, {@code HTTP_PROXY}, {@code --catalog}
 */
public record Upstream(String service, Via via, HostPort address, String source) {

  /** How a request reaches the upstream. */
  public enum Via {
    /** A sidecar port dedicated to this upstream; it speaks the upstream's own protocol. */
    SIDECAR_PORT,
    /** The sidecar as an HTTP proxy: absolute-form requests name the service as the host. */
    HTTP_PROXY,
    /** The service itself, no mesh in between. */
    DIRECT
  }

  /**
   * The URI of {@code path} on this upstream: {@code http://catalog/books} through an HTTP proxy
   * (the proxy routes on the host), {@code http://127.0.0.1:4141/books} otherwise.
   */
  public URI uri(String path) {
    String authority = via == Via.HTTP_PROXY ? service : address.toString();
    return URI.create("http://" + authority + path);
  }

  /**
   * A new HTTP/1.1 client for this upstream: proxied when {@link Via#HTTP_PROXY}, direct
   * otherwise. HTTP/1.1 on purpose: the JDK would otherwise offer an h2c upgrade, which is not
   * what a sidecar's HTTP/1.1 port expects.
   */
  public HttpClient newHttpClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .proxy(via == Via.HTTP_PROXY ? ProxySelector.of(address.toSocketAddress()) : HttpClient.Builder.NO_PROXY)
        .build();
  }

  /** One line for the start-up log, e.g. {@code catalog via sidecar 127.0.0.1:4141 (TRELLIS_UPSTREAM_CATALOG)}. */
  public String describe() {
    String how = switch (via) {
      case SIDECAR_PORT -> "via sidecar";
      case HTTP_PROXY -> "via HTTP proxy";
      case DIRECT -> "direct at";
    };
    return service + " " + how + " " + address + " (" + source + ")";
  }
}
