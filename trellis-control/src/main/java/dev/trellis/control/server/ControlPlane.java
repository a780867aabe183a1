package dev.trellis.control.server;

import dev.trellis.config.ConfigException;
import dev.trellis.control.api.AdminApi;
import dev.trellis.control.health.HealthCheckPolicies;
import dev.trellis.control.health.HealthChecks;
import dev.trellis.control.registry.Registry;
import dev.trellis.control.store.ConfigStore;
import dev.trellis.control.store.MeshState;
import dev.trellis.control.store.StateFile;
import dev.trellis.control.store.StateStore;
import dev.trellis.control.watch.ProxyStatusBook;
import dev.trellis.control.watch.WatchHub;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running control plane: config store, registry, health checks, snapshot watch and admin API
 * on one HTTP/1.1 port.
 *
 * <p>{@link #start} loads (and re-validates) the state in the data directory, creates the admin
 * token on first start, binds, and returns once the port accepts connections. Registered
 * instances survive a restart; their leases restart from the moment of the start, so proxies
 * that reconnect find their endpoints and have a full lease to heartbeat again.
 *
 * <pre>{@code
 * try (ControlPlane control = ControlPlane.start(ControlPlaneOptions.defaults(dataDir).withPort(0))) {
 *   ControlClient client = ControlClient.create(control.uri(), control.token());
 * }
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class ControlPlane implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);

  private final String token;
  private final StateStore store;
  private final WatchHub hub;
  private final HealthChecks healthChecks;
  private final ScheduledExecutorService timer;
  private final EventLoopGroup loops;
  private final Channel serverChannel;
  private final AdminApi api;
  private final InetSocketAddress address;
  private boolean closed; // guarded by this

  private ControlPlane(ControlPlaneOptions options) throws IOException, ConfigException, InterruptedException {
    Files.createDirectories(options.dataDir());
    token = AdminToken.loadOrCreate(options.dataDir());
    StateFile file = new StateFile(options.dataDir());
    MeshState initial = file.read();
    store = new StateStore(file, initial);
    ConfigStore configStore = new ConfigStore(store);
    Registry registry = new Registry(store, options.clock(), HealthCheckPolicies::covers);
    ProxyStatusBook proxies = new ProxyStatusBook(options.clock());
    hub = new WatchHub(store, proxies);
    healthChecks = new HealthChecks(store, registry);

    timer = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("trellis-leases").factory());
    long sweep = options.leaseSweepInterval().toMillis();
    timer.scheduleWithFixedDelay(() -> registry.expireLeases().exceptionally(e -> {
      log.warn("lease sweep failed", e);
      return null;
    }), sweep, sweep, TimeUnit.MILLISECONDS);

    api = new AdminApi(token, configStore, registry, hub, proxies, options.watchPingInterval());
    Transport transport = Transport.best();
    loops = transport.newGroup(2, new DefaultThreadFactory("trellis-control", true));
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(loops)
        .channel(transport.serverChannel())
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.AUTO_READ, false)
        .childHandler(api);
    try {
      serverChannel = bootstrap.bind(options.host(), options.port()).sync().channel();
    } catch (Exception e) {
      // Netty throws a BindException (an IOException) undeclared; whatever it is, stop the threads.
      closeQuietly();
      throw e;
    }
    address = (InetSocketAddress) serverChannel.localAddress();
    healthChecks.start();
    log.info("control plane listening on {} ({}), state version {}, data in {}",
        address, transport.name(), initial.version(), options.dataDir());
  }

  /**
   * Starts a control plane and returns once it listens.
   *
   * @throws IOException when the data directory cannot be used or the port cannot be bound
   * @throws ConfigException when the stored state no longer validates (every error, with its source)
   */
  public static ControlPlane start(ControlPlaneOptions options) throws IOException, ConfigException {
    try {
      return new ControlPlane(options);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting", e);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Where the admin API listens (the bound port when 0 was asked for). */
  public InetSocketAddress address() {
    return address;
  }

  /** {@code http://host:port}, for clients. */
  public URI uri() {
    return URI.create("http://" + address.getHostString() + ":" + address.getPort());
  }

  /** The admin token every {@code /v1/} call must carry. */
  public String token() {
    return token;
  }

  /** The current state version. */
  public long version() {
    return store.current().version();
  }

  @Override
  public void close() {
    closeQuietly();
  }

  private synchronized void closeQuietly() {
    if (closed) {
      return;
    }
    closed = true;
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly();
      api.closeConnections().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    healthChecks.close();
    timer.shutdownNow();
    hub.close();
    try {
      // A sweep in progress finishes before the store stops taking changes.
      timer.awaitTermination(2, TimeUnit.SECONDS);
      store.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
