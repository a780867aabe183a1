package dev.trellis.api.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.ApiError;
import dev.trellis.api.json.ApiJson;
import dev.trellis.api.json.WireJson;
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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A Java client for every call of the control plane API (docs/control-api.md), used by the CLI
 * and the sidecar proxy.
 *
 * <p>Calls block the calling thread until the answer arrives (connecting and each read bounded
 * by {@code requestTimeout}); a refusal or an unreachable control plane is thrown as a {@link
 * ControlApiException} carrying the status and every detail. The client is thread-safe.
 *
 * <p>Calls go over the JDK's {@link HttpURLConnection} (HTTP/1.1, connections kept alive by the
 * JDK, no proxy, no redirects followed): for a plain {@code http} URL it loads no TLS at all,
 * which a sidecar's start-up notices (java.net.http's client builds a TLS context even for
 * plain HTTP); an {@code https} URL gets the JDK's TLS with its default trust store.
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
  private final ObjectMapper json = ApiJson.mapper();

  private ControlClient(URI base, String token, Duration requestTimeout) {
    this.base = Objects.requireNonNull(base, "base");
    this.token = Objects.requireNonNull(token, "token");
    this.requestTimeout = requestTimeout;
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
      HttpURLConnection connection = open("GET", "/healthz");
      int status = connection.getResponseCode();
      readFully(status / 100 == 2 ? connection.getInputStream() : connection.getErrorStream());
      return status == 200;
    } catch (IOException e) {
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
    return send("POST", path, "application/yaml", text.getBytes(StandardCharsets.UTF_8), ChangeResult.class);
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
    return send("POST", "/v1/apply?dryRun=" + dryRun, ApplyBundle.MEDIA_TYPE,
        body.getBytes(StandardCharsets.UTF_8), ChangeResult.class);
  }

  /** Every stored resource of {@code kind}; {@code namespace} null lists all namespaces. */
  public ResourceList list(ResourceKind kind, String namespace) {
    String path = "/v1/resources/" + plural(kind) + (namespace == null ? "" : "?namespace=" + encode(namespace));
    return send("GET", path, ResourceList.class);
  }

  /** One stored document with {@code metadata.resourceVersion}; 404 when there is none. */
  public ObjectNode get(ResourceKind kind, String namespace, String name) {
    return send("GET", resourcePath(kind, namespace, name), ObjectNode.class);
  }

  /** Deletes one resource; 404 when unknown, 409 (naming them) while others refer to it. */
  public ChangeResult delete(ResourceKind kind, String namespace, String name) {
    return send("DELETE", resourcePath(kind, namespace, name), ChangeResult.class);
  }

  // ---- registry

  public Registered register(InstanceRegistration registration) {
    // On every sidecar's start path: written and read without data binding (see WireJson).
    String path = "/v1/instances";
    byte[] answer = call("POST", path, "application/json", WireJson.registration(registration));
    try {
      return WireJson.registered(answer);
    } catch (IOException e) {
      throw new ControlApiException("unreadable answer to POST " + base.resolve(path), e);
    }
  }

  /** Renews the lease; a 404 means the instance is gone and must register again. */
  public void heartbeat(String id) {
    send("PUT", "/v1/instances/" + encode(id) + "/lease", Void.class);
  }

  public void deregister(String id) {
    send("DELETE", "/v1/instances/" + encode(id), Void.class);
  }

  /**
   * Registers and keeps the registration alive in the background (heartbeats at a third of the
   * lease, registering again when the control plane forgot the instance) until closed.
   */
  public Registration keepRegistered(InstanceRegistration registration) {
    return Registration.start(this, registration);
  }

  public EndpointsView endpoints() {
    return send("GET", "/v1/endpoints", EndpointsView.class);
  }

  public EndpointsView endpoints(String service, String namespace) {
    String path = "/v1/endpoints/" + encode(service)
        + (namespace == null ? "" : "?namespace=" + encode(namespace));
    return send("GET", path, EndpointsView.class);
  }

  // ---- watch

  /** Every node watching (or that watched) and the versions it was sent, acked and nacked. */
  public ProxyList proxies() {
    return send("GET", "/v1/proxies", ProxyList.class);
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
    return SnapshotWatch.start(wsUri, token, subscription, listener, settings);
  }

  /**
   * Nothing to release: idle connections stay in the JDK's keep-alive cache, which closes them
   * after a few seconds; watches and registrations are closed by their owners.
   */
  @Override
  public void close() {}

  // ---- plumbing

  private <T> T send(String method, String pathAndQuery, Class<T> type) {
    return send(method, pathAndQuery, null, null, type);
  }

  /** One call: the body (when not null) is sent with {@code contentType}; the answer read as {@code type}. */
  private <T> T send(String method, String pathAndQuery, String contentType, byte[] body, Class<T> type) {
    byte[] answer = call(method, pathAndQuery, contentType, body);
    if (type == Void.class) {
      return null;
    }
    try {
      JavaType javaType = json.constructType(type);
      return json.readValue(answer, javaType);
    } catch (IOException e) {
      throw new ControlApiException("unreadable answer to " + method + " " + base.resolve(pathAndQuery), e);
    }
  }

  /** One call; the body of a 2xx answer, or a {@link ControlApiException} with what went wrong. */
  private byte[] call(String method, String pathAndQuery, String contentType, byte[] body) {
    int status;
    byte[] answer;
    try {
      HttpURLConnection connection = open(method, pathAndQuery);
      if (body != null) {
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", contentType);
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body);
        }
      }
      status = connection.getResponseCode();
      answer = readFully(status / 100 == 2 ? connection.getInputStream() : connection.getErrorStream());
    } catch (IOException | IllegalArgumentException e) {
      throw new ControlApiException(method + " " + base.resolve(pathAndQuery) + " failed", e);
    }
    if (status / 100 != 2) {
      throw new ControlApiException(status, errorBody(status, answer));
    }
    return answer;
  }

  private HttpURLConnection open(String method, String pathAndQuery) throws IOException {
    // No proxy and no redirects, as the control plane is reached directly (java.net.http's defaults).
    HttpURLConnection connection =
        (HttpURLConnection) base.resolve(pathAndQuery).toURL().openConnection(Proxy.NO_PROXY);
    connection.setInstanceFollowRedirects(false);
    connection.setUseCaches(false);
    int timeout = (int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis());
    connection.setConnectTimeout(timeout);
    connection.setReadTimeout(timeout);
    connection.setRequestMethod(method);
    connection.setRequestProperty("Authorization", "Bearer " + token);
    connection.setRequestProperty("Accept", "application/json");
    return connection;
  }

  /** The whole stream, closed after (which hands a kept-alive connection back to the JDK). */
  private static byte[] readFully(InputStream in) throws IOException {
    if (in == null) {
      return new byte[0];
    }
    try (in) {
      return in.readAllBytes();
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
