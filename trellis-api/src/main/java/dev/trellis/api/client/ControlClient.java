package dev.trellis.api.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.ApiError;
import dev.trellis.api.json.ApiJson;
import dev.trellis.api.registry.EndpointsView;
import dev.trellis.api.registry.InstanceRegistration;
import dev.trellis.api.registry.Registered;
import dev.trellis.api.resources.ApplyBundle;
import dev.trellis.api.resources.ChangeResult;
import dev.trellis.api.resources.ResourceList;
import dev.trellis.api.resources.SourceFile;
import dev.trellis.api.watch.ProxyList;
import dev.trellis.api.watch.Subscription;
import dev.trellis.config.ResourceKind;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * A Java client for every call of the control plane API (docs/control-api.md), used by the CLI
 * and the sidecar proxy.
 *
 * <p>Calls block the calling thread until the answer arrives (at most {@code requestTimeout});
 * a refusal or an unreachable control plane is thrown as a {@link ControlApiException} carrying
 * the status and every detail. The client is thread-safe; close it to release its connections.
 *
 * <pre>{@code
 * try (ControlClient client = ControlClient.create(URI.create("http://127.0.0.1:7420"), token)) {
 *   ChangeResult result = client.apply("mesh.yaml", Files.readString(path), false);
 * }
 * }</pre>
 */
public final class ControlClient implements AutoCloseable {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final URI base;
  private final String token;
  private final Duration requestTimeout;
  private final HttpClient http;
  private final ObjectMapper json = ApiJson.mapper();

  private ControlClient(URI base, String token, Duration requestTimeout) {
    this.base = Objects.requireNonNull(base, "base");
    this.token = Objects.requireNonNull(token, "token");
    this.requestTimeout = requestTimeout;
    // HTTP/1.1 only: the control plane does not speak h2c, and the upgrade probe costs a round trip.
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(requestTimeout);
    if ("http".equalsIgnoreCase(base.getScheme())) {
      // The client never speaks TLS to a plain-HTTP control plane (it follows no redirects), yet
      // by default it builds the JVM's default TLS context, reading the whole CA trust store: a
      // few hundred milliseconds of every sidecar's start-up. An empty context costs nothing.
      builder.sslContext(plainOnly());
    }
    this.http = builder.build();
  }

  private static SSLContext plainOnly() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[0], new TrustManager[0], null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS implementation in this JVM", e);
    }
  }

  /** A client for the control plane at {@code base} (e.g. {@code http://127.0.0.1:7420}). */
  public static ControlClient create(URI base, String token) {
    return new ControlClient(base, token, DEFAULT_TIMEOUT);
  }

  public static ControlClient create(URI base, String token, Duration requestTimeout) {
    return new ControlClient(base, token, requestTimeout);
  }

  public URI base() {
    return base;
  }

  /** True when {@code GET /healthz} answers 200; never throws. */
  public boolean healthy() {
    try {
      HttpRequest request = HttpRequest.newBuilder(base.resolve("/healthz"))
          .timeout(requestTimeout).GET().build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // ---- resources

  /**
   * Applies every document in {@code text}, all or nothing.
   *
   * @param source the file name errors start with, e.g. {@code routes.yaml}
   * @throws ControlApiException 422 with one detail per error when the configuration is refused
   */
  public ChangeResult apply(String source, String text, boolean dryRun) {
    String path = "/v1/apply?source=" + encode(source) + "&dryRun=" + dryRun;
    HttpRequest.Builder request = request(path)
        .header("Content-Type", "application/yaml")
        .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
    return send(request, ChangeResult.class);
  }

  /**
   * Applies every document of every file together, all or nothing: documents may refer to each
   * other across files, and an error in any file changes nothing.
   *
   * @throws ControlApiException 422 with one detail per error, in all files, when refused
   */
  public ChangeResult apply(List<SourceFile> files, boolean dryRun) {
    String body;
    try {
      body = json.writeValueAsString(new ApplyBundle(files));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the files to apply", e);
    }
    HttpRequest.Builder request = request("/v1/apply?dryRun=" + dryRun)
        .header("Content-Type", ApplyBundle.MEDIA_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    return send(request, ChangeResult.class);
  }

  /** Every stored resource of {@code kind}; {@code namespace} null lists all namespaces. */
  public ResourceList list(ResourceKind kind, String namespace) {
    String path = "/v1/resources/" + plural(kind) + (namespace == null ? "" : "?namespace=" + encode(namespace));
    return send(request(path).GET(), ResourceList.class);
  }

  /** One stored document with {@code metadata.resourceVersion}; 404 when there is none. */
  public ObjectNode get(ResourceKind kind, String namespace, String name) {
    return send(request(resourcePath(kind, namespace, name)).GET(), ObjectNode.class);
  }

  /** Deletes one resource; 404 when unknown, 409 (naming them) while others refer to it. */
  public ChangeResult delete(ResourceKind kind, String namespace, String name) {
    return send(request(resourcePath(kind, namespace, name)).DELETE(), ChangeResult.class);
  }

  // ---- registry

  public Registered register(InstanceRegistration registration) {
    return send(request("/v1/instances").header("Content-Type", "application/json")
        .POST(jsonBody(registration)), Registered.class);
  }

  /** Renews the lease; a 404 means the instance is gone and must register again. */
  public void heartbeat(String id) {
    send(request("/v1/instances/" + encode(id) + "/lease").PUT(HttpRequest.BodyPublishers.noBody()),
        Void.class);
  }

  public void deregister(String id) {
    send(request("/v1/instances/" + encode(id)).DELETE(), Void.class);
  }

  /**
   * Registers and keeps the registration alive in the background (heartbeats at a third of the
   * lease, registering again when the control plane forgot the instance) until closed.
   */
  public Registration keepRegistered(InstanceRegistration registration) {
    return Registration.start(this, registration);
  }

  public EndpointsView endpoints() {
    return send(request("/v1/endpoints").GET(), EndpointsView.class);
  }

  public EndpointsView endpoints(String service, String namespace) {
    String path = "/v1/endpoints/" + encode(service)
        + (namespace == null ? "" : "?namespace=" + encode(namespace));
    return send(request(path).GET(), EndpointsView.class);
  }

  // ---- watch

  /** Every node watching (or that watched) and the versions it was sent, acked and nacked. */
  public ProxyList proxies() {
    return send(request("/v1/proxies").GET(), ProxyList.class);
  }

  /**
   * Opens the snapshot watch in the background: connects, subscribes, hands every snapshot to
   * {@code listener} and sends its answer, and reconnects with jittered exponential backoff
   * whenever the connection drops, until the returned watch is closed.
   */
  public SnapshotWatch watch(Subscription subscription, WatchListener listener) {
    return watch(subscription, listener, WatchSettings.defaults());
  }

  public SnapshotWatch watch(Subscription subscription, WatchListener listener, WatchSettings settings) {
    URI wsUri = URI.create(base.toString().replaceFirst("^http", "ws")).resolve("/v1/watch");
    return SnapshotWatch.start(http, wsUri, token, subscription, listener, settings);
  }

  @Override
  public void close() {
    http.close();
  }

  // ---- plumbing

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(base.resolve(pathAndQuery))
        .timeout(requestTimeout)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  private HttpRequest.BodyPublisher jsonBody(Object value) {
    try {
      return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + value, e);
    }
  }

  private <T> T send(HttpRequest.Builder builder, Class<T> type) {
    HttpRequest request = builder.build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new ControlApiException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ControlApiException(request.method() + " " + request.uri() + " interrupted", e);
    }
    int status = response.statusCode();
    byte[] body = response.body();
    if (status / 100 != 2) {
      throw new ControlApiException(status, errorBody(status, body));
    }
    if (type == Void.class) {
      return null;
    }
    try {
      JavaType javaType = json.constructType(type);
      return json.readValue(body, javaType);
    } catch (IOException e) {
      throw new ControlApiException("unreadable answer to " + request.method() + " " + request.uri(), e);
    }
  }

  private ApiError errorBody(int status, byte[] body) {
    try {
      ApiError error = json.readValue(body, ApiError.class);
      if (error.error() != null) {
        return error;
      }
    } catch (IOException e) {
      // Not our JSON (a proxy in between, say): show the status and the raw text instead.
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return ApiError.of(text.isEmpty() ? "HTTP " + status : text);
  }

  private static String resourcePath(ResourceKind kind, String namespace, String name) {
    return "/v1/resources/" + plural(kind) + "/" + encode(name)
        + (namespace == null ? "" : "?namespace=" + encode(namespace));
  }

  /** The kind's lower-case plural, as paths name kinds (the server accepts every alias). */
  static String plural(ResourceKind kind) {
    return kind.names().get(1);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
