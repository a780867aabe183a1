package dev.trellis.testkit.process;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code trellis proxy} process beside one application instance, and the addresses it announced.
 *
 * <p>Start one with {@link #builder}; {@link Builder#start()} returns once the process printed
 * its listeners (and, unless {@link Builder#noWaitForReady()}, its {@code ready} line).
 *
 * <pre>{@code
 * try (SidecarProcess web = SidecarProcess.builder(dist, control, "web", dataDir)
 *     .appPort(8080, app.port()).upstream("catalog").start()) {
 *   curl -x web.outboundHttp() http://catalog/ ...
 * }
 * }</pre>
 *
 * <p>Not thread-safe; one test thread drives it.
 */
public final class SidecarProcess implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(30);
  private static final Pattern INBOUND = Pattern.compile("(?m)^inbound ([0-9.]+):(\\d+)$");
  private static final Pattern OUTBOUND = Pattern.compile("(?m)^outbound http ([0-9.]+):(\\d+)$");
  private static final Pattern ADMIN = Pattern.compile("(?m)^admin (http://[0-9.]+:\\d+)$");
  private static final Pattern READY = Pattern.compile("(?m)^ready$");
  private static final HttpClient ADMIN_CLIENT = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();

  private final String service;
  private final TrellisProcess process;
  private final InetSocketAddress inbound;
  private final InetSocketAddress outboundHttp;
  private final URI admin;

  private SidecarProcess(String service, TrellisProcess process) {
    this.service = service;
    this.process = process;
    this.inbound = address(process.awaitOutput(INBOUND, START));
    this.outboundHttp = address(process.awaitOutput(OUTBOUND, START));
    this.admin = URI.create(process.awaitOutput(ADMIN, START).group(1));
  }

  /** A sidecar for {@code service}, talking to {@code controlUrl} with {@code token}. */
  public static Builder builder(Distribution dist, String controlUrl, String token, String service,
      Path dataDir) {
    return new Builder(dist, controlUrl, token, service, dataDir);
  }

  /** A sidecar for {@code service} of the given control plane. */
  public static Builder builder(Distribution dist, ControlPlaneProcess control, String service,
      Path dataDir) {
    return builder(dist, control.url(), control.token(), service, dataDir);
  }

  public String service() {
    return service;
  }

  /** Where peer sidecars connect: the address registered with the control plane. */
  public InetSocketAddress inbound() {
    return inbound;
  }

  /** The outbound HTTP listener, the application's {@code HTTP_PROXY}. */
  public InetSocketAddress outboundHttp() {
    return outboundHttp;
  }

  /** {@code http://127.0.0.1:P}, the outbound listener as a proxy URL for curl's {@code -x}. */
  public String proxyUrl() {
    return "http://127.0.0.1:" + outboundHttp.getPort();
  }

  /** The local port the sidecar opened for calls to {@code upstream} (as printed). */
  public int upstreamPort(String upstream) {
    Pattern line = Pattern.compile("(?m)^upstream " + Pattern.quote(upstream) + " [0-9.]+:(\\d+)$");
    return Integer.parseInt(process.awaitOutput(line, START).group(1));
  }

  public URI admin() {
    return admin;
  }

  /** GETs an admin path, e.g. {@code /ready}; status 0 with the exception text when unreachable. */
  public AdminAnswer adminGet(String path) {
    try {
      HttpResponse<String> response = ADMIN_CLIENT.send(
          HttpRequest.newBuilder(admin.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new AdminAnswer(response.statusCode(), response.body());
    } catch (java.io.IOException e) {
      return new AdminAnswer(0, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** One admin answer. */
  public record AdminAnswer(int status, String body) {}

  /** Waits for the {@code ready} line (registered and in sync). */
  public SidecarProcess awaitReady() {
    process.awaitOutput(READY, START);
    return this;
  }

  public TrellisProcess process() {
    return process;
  }

  /** Sends SIGTERM, the graceful stop, without waiting. */
  public void terminate() {
    process.terminate();
  }

  /** Stops it (SIGTERM, then SIGKILL after a grace period). */
  @Override
  public void close() {
    process.close();
  }

  private static InetSocketAddress address(Matcher matcher) {
    return new InetSocketAddress(matcher.group(1), Integer.parseInt(matcher.group(2)));
  }

  /** The command line of one sidecar. */
  public static final class Builder {
    private final Distribution dist;
    private final String service;
    private final List<String> args = new ArrayList<>();
    private String javaOpts = "";
    private boolean waitForReady = true;

    private Builder(Distribution dist, String controlUrl, String token, String service, Path dataDir) {
      this.dist = dist;
      this.service = service;
      args.addAll(List.of("proxy", "--service", service, "--control", controlUrl, "--token", token,
          "--data-dir", dataDir.toString()));
    }

    /** Maps the service port the mesh declares to the port the application listens on. */
    public Builder appPort(int servicePort, int appPort) {
      args.addAll(List.of("--app-port", servicePort + "=" + appPort));
      return this;
    }

    /** Opens a local port (any free one) for calls to {@code upstream}. */
    public Builder upstream(String upstream) {
      args.addAll(List.of("--upstream", upstream + ":0"));
      return this;
    }

    /** Any other option of {@code trellis proxy}, e.g. {@code "--admin-port", "0"}. */
    public Builder option(String... more) {
      args.addAll(List.of(more));
      return this;
    }

    /** JVM options for the proxy's process, e.g. {@code -Xmx128m} (as TRELLIS_JAVA_OPTS). */
    public Builder javaOpts(String options) {
      this.javaOpts = options;
      return this;
    }

    /** Returns once the listeners are printed, without waiting for {@code ready}. */
    public Builder noWaitForReady() {
      this.waitForReady = false;
      return this;
    }

    public SidecarProcess start() {
      TrellisProcess process = dist.start(Map.of(Distribution.JAVA_OPTS, javaOpts),
          args.toArray(String[]::new));
      try {
        SidecarProcess sidecar = new SidecarProcess(service, process);
        return waitForReady ? sidecar.awaitReady() : sidecar;
      } catch (AssertionError e) {
        process.close();
        throw e;
      }
    }
  }
}
