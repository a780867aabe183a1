package dev.trellis.proxy.control;

import dev.trellis.api.client.Backoff;
import dev.trellis.api.client.ControlClient;
import dev.trellis.proxy.SidecarConfig;
import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.UpstreamPort;
import dev.trellis.proxy.admin.AdminServer;
import dev.trellis.proxy.inbound.LocalApp;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.mesh.ServiceView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A sidecar as {@code trellis proxy} runs it, for component tests: the data path, its link to a
 * control plane and its admin port, all on loopback port 0. The application (if any) listens on
 * {@code appPort}, mapped to service port {@value #SERVICE_PORT}.
 */
final class LinkedSidecar implements AutoCloseable {
  static final int SERVICE_PORT = 8080;
  static final Backoff FAST = Backoff.of(Duration.ofMillis(20), Duration.ofMillis(200));

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  final SidecarProxy proxy;
  final ControlClient client;
  final MeshLink link;
  final AdminServer admin;

  private LinkedSidecar(SidecarProxy proxy, ControlClient client, MeshLink link, AdminServer admin) {
    this.proxy = proxy;
    this.client = client;
    this.link = link;
    this.admin = admin;
  }

  /** Starts a sidecar of {@code service} (app on {@code appPort}) calling {@code upstreams}. */
  static LinkedSidecar start(URI control, String token, Path dataDir, String service, int appPort,
      String... upstreams) throws InterruptedException {
    ServiceKey key = ServiceKey.of(service);
    List<UpstreamPort> ports = java.util.Arrays.stream(upstreams)
        .map(name -> UpstreamPort.of(ServiceKey.of(name))).toList();
    LocalApp app = new LocalApp(key, Map.of(SERVICE_PORT, appPort), AppProtocol.HTTP);
    SidecarProxy proxy = new SidecarProxy(SidecarConfig.of(app).withIoThreads(1).withUpstreams(ports)).start();
    ControlClient client = ControlClient.create(control, token, Duration.ofSeconds(2));
    LinkSettings settings = LinkSettings.of(key, service + "-" + proxy.inboundAddress().getPort(),
        ports.stream().map(UpstreamPort::service).toList(), dataDir).withBackoff(FAST);
    MeshLink link = new MeshLink(settings, client, proxy, Clock.systemUTC());
    AdminServer admin = null;
    try {
      link.start();
      admin = AdminServer.of(link::status, link::current, proxy.loads(), proxy.metrics()).start("127.0.0.1", 0);
      return new LinkedSidecar(proxy, client, link, admin);
    } catch (RuntimeException | InterruptedException e) {
      link.close();
      proxy.close();
      client.close();
      throw e;
    }
  }

  /** GET {@code path} on the upstream port bound for {@code service}. */
  HttpResponse<String> call(String service, String path) throws IOException, InterruptedException {
    InetSocketAddress upstream = proxy.upstreamAddress(ServiceKey.of(service));
    return get("http://127.0.0.1:" + upstream.getPort() + path);
  }

  /** GET {@code path} on the admin port. */
  HttpResponse<String> admin(String path) throws IOException, InterruptedException {
    return get("http://127.0.0.1:" + admin.address().getPort() + path);
  }

  /** How many endpoints this sidecar may send {@code service} requests to now. */
  int routable(String service) {
    ServiceView view = proxy.view().service(ServiceKey.of(service));
    return view == null ? 0 : view.routableEndpoints();
  }

  static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Closes as {@code trellis proxy} does on SIGTERM: deregister, then stop the data path. */
  @Override
  public void close() {
    link.close();
    admin.close();
    proxy.close();
    client.close();
  }
}
