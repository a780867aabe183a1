package dev.trellis.cli.run;

import dev.trellis.api.client.Backoff;
import dev.trellis.api.client.ControlApiException;
import dev.trellis.api.client.ControlClient;
import dev.trellis.api.registry.InstanceRegistration;
import dev.trellis.proxy.SidecarConfig;
import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.UpstreamPort;
import dev.trellis.proxy.admin.AdminServer;
import dev.trellis.proxy.control.LinkSettings;
import dev.trellis.proxy.control.LinkStatus;
import dev.trellis.proxy.control.MeshLink;
import dev.trellis.proxy.inbound.LocalApp;
import dev.trellis.proxy.mesh.AppProtocol;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sidecar in the command's own JVM ({@code trellis run}'s beside its application, and
 * {@code trellis proxy}'s): data path, control-plane link and admin port, started together and
 * stopped in two steps (leave the mesh, then close).
 *
 * <p>Threading: {@link #start} once, then {@link #leaveMesh} and {@link #close} from any thread,
 * each idempotent; the accessors are safe from any thread.
 */
public final class InProcessSidecar implements AutoCloseable {
  private final SidecarProxy proxy;
  private final MeshLink link;
  private final AdminServer admin;
  private final String node;
  private final AtomicBoolean left = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  private InProcessSidecar(SidecarProxy proxy, MeshLink link, AdminServer admin, String node) {
    this.proxy = proxy;
    this.link = link;
    this.admin = admin;
    this.node = node;
  }

  /**
   * Binds the listeners, registers with the control plane and starts watching; returns without
   * waiting for the first snapshot (see {@link #status()}). The client stays the caller's.
   *
   * @throws ControlApiException when the control plane refuses the registration
   * @throws AdminPortException when the admin port cannot be bound; nothing is left running
   * @throws IllegalStateException (or another runtime exception) when a data-path port cannot be
   *     bound; nothing is left running
   */
  public static InProcessSidecar start(SidecarPlan plan, ControlClient client) throws InterruptedException {
    LocalApp app = new LocalApp(plan.service(), plan.appPorts(), AppProtocol.HTTP);
    List<UpstreamPort> upstreamPorts = plan.upstreams().stream()
        .map(u -> new UpstreamPort(u.service(), 0, u.localPort()))
        .toList();
    SidecarConfig config = SidecarConfig.of(app)
        .withInbound("127.0.0.1", plan.inboundPort())
        .withOutboundHttpPort(plan.outboundPort())
        .withUpstreams(upstreamPorts)
        .withIoThreads(plan.ioThreads());
    SidecarProxy proxy = new SidecarProxy(config).start();
    String node = plan.service().name() + "-" + ProcessHandle.current().pid() + "-"
        + proxy.inboundAddress().getPort();
    MeshLink link = null;
    try {
      LinkSettings settings = new LinkSettings(plan.service(), node,
          upstreamPorts.stream().map(UpstreamPort::service).toList(), plan.labels(), plan.zone(),
          InstanceRegistration.DEFAULT_LEASE_SECONDS, plan.dataDir(), Backoff.defaults(),
          // Active health checks reach the application itself, not the sidecar's mesh port.
          plan.appPorts().values().stream().min(Integer::compare).orElse(0));
      link = new MeshLink(settings, client, proxy, Clock.systemUTC());
      link.start();
    } catch (RuntimeException e) {
      if (link != null) {
        link.close();
      }
      proxy.close();
      throw e;
    }
    try {
      AdminServer admin = AdminServer.of(link::status, link::current, proxy.loads(), proxy.metrics())
          .start("127.0.0.1", plan.adminPort());
      return new InProcessSidecar(proxy, link, admin, node);
    } catch (InterruptedException e) {
      link.close();
      proxy.close();
      throw e;
    } catch (RuntimeException e) {
      link.close();
      proxy.close();
      throw new AdminPortException(e);
    }
  }

  /**
   * The admin port could not be bound; the message is the cause's own, so that callers that do
   * not tell it apart from other start-up failures say the same as before.
   */
  public static final class AdminPortException extends RuntimeException {
    AdminPortException(RuntimeException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** The name the control plane knows this sidecar's watch by. */
  public String node() {
    return node;
  }

  public InetSocketAddress inboundAddress() {
    return proxy.inboundAddress();
  }

  public InetSocketAddress outboundAddress() {
    return proxy.outboundHttpAddress();
  }

  /** The local port bound for {@code upstream}. */
  public InetSocketAddress upstreamAddress(UpstreamArgument upstream) {
    return proxy.upstreamAddress(upstream.service());
  }

  public InetSocketAddress adminAddress() {
    return admin.address();
  }

  /**
   * Asks every caller to close its connection after the exchange in progress ({@code Connection:
   * close}, GOAWAY) while still serving; see {@link SidecarProxy#startDraining()}.
   */
  public void startDraining() {
    proxy.startDraining();
  }

  /** The HTTP exchanges in flight now, inbound and outbound. */
  public int inFlight() {
    return proxy.inFlight();
  }

  /** The link's state now: ready once registered and running the control plane's snapshot. */
  public LinkStatus status() {
    return link.status();
  }

  /**
   * Deregisters and stops watching, so that peers stop sending new requests here once their next
   * snapshot arrives. The listeners stay open: requests in flight, and the application's own
   * outbound calls while it finishes them, keep working until {@link #close}.
   */
  public void leaveMesh() {
    if (left.compareAndSet(false, true)) {
      link.close();
    }
  }

  /** Leaves the mesh if still in it, then closes every listener and connection. */
  @Override
  public void close() {
    leaveMesh();
    if (closed.compareAndSet(false, true)) {
      proxy.close();
      admin.close();
    }
  }
}
