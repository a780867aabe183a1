package dev.trellis.proxy.control;

import dev.trellis.api.client.ControlApiException;
import dev.trellis.api.client.ControlClient;
import dev.trellis.api.client.Registration;
import dev.trellis.api.client.SnapshotDecision;
import dev.trellis.api.client.SnapshotWatch;
import dev.trellis.api.client.WatchListener;
import dev.trellis.api.client.WatchSettings;
import dev.trellis.api.registry.InstanceRegistration;
import dev.trellis.api.watch.Snapshot;
import dev.trellis.api.watch.Subscription;
import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.mesh.MissingServiceListener;
import dev.trellis.proxy.mesh.ServiceKey;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects one {@link SidecarProxy} to the control plane: registers its instance, watches the
 * snapshots of its service and upstreams, runs each good one and caches it on disk.
 *
 * <pre>
 *   start: register (retried in the background while the control plane is unreachable)
 *          watch --snapshot--> SnapshotTranslator --ok--> proxy.apply, ack, cache on disk
 *                                                 --bad-> nack, keep the previous view
 *   lost control plane: keep serving, reconnect with jittered backoff;
 *                       nothing received yet? serve the disk cache
 *   close: deregister, stop watching
 * </pre>
 *
 * <p>The instance registers the sidecar's inbound address, never the application's: peers reach
 * the application only through its sidecar.
 *
 * <p>Threading: {@link #start} and {@link #close} are called once each, by the owner. Snapshots
 * are handled on the watch's thread, one at a time; cache writes happen on a thread of their own
 * so that a slow disk never delays the next snapshot. {@link #status}, {@link #current} and
 * {@link #watchService} may be called from any thread.
 */
public final class MeshLink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MeshLink.class);
  /** On-demand services beyond the configured upstreams; bounds what a confused app can add. */
  static final int MAX_ON_DEMAND = 256;

  private final LinkSettings settings;
  private final ControlClient client;
  private final SidecarProxy proxy;
  private final Clock clock;
  private final SnapshotCache cache;
  private final ScheduledExecutorService background;
  private final AtomicReference<LinkStatus> status;
  private final AtomicReference<TranslatedSnapshot> current = new AtomicReference<>();
  private final AtomicReference<Snapshot> unwritten = new AtomicReference<>();
  private final Object applyLock = new Object();
  private final Set<ServiceKey> upstreams; // guarded by this
  private int onDemand; // guarded by this
  private volatile Registration registration;
  private volatile SnapshotWatch watch;
  private volatile boolean closed;
  /** Every service watched or asked for: what event loops check before bothering the link. */
  private final Set<ServiceKey> asked = ConcurrentHashMap.newKeySet();
  private int registerAttempts; // only on the background thread

  /** @param proxy a started proxy: its inbound address is what gets registered */
  public MeshLink(LinkSettings settings, ControlClient client, SidecarProxy proxy, Clock clock) {
    this.settings = settings;
    this.client = client;
    this.proxy = proxy;
    this.clock = clock;
    this.cache = new SnapshotCache(settings.dataDir(), settings.service());
    this.upstreams = new LinkedHashSet<>(settings.upstreams());
    this.asked.addAll(settings.upstreams());
    this.status = new AtomicReference<>(LinkStatus.starting(clock.instant()));
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
        Thread.ofPlatform().daemon().name("trellis-link-" + settings.service().name()).factory());
    // On close, a pending cache write still runs; a registration retry due later does not.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.background = executor;
  }

  /**
   * Registers and starts watching. Returns without waiting for the first snapshot; when the
   * control plane cannot be reached the cached snapshot (if any) is served at once and
   * registration is retried in the background.
   *
   * @throws ControlApiException when the control plane refuses the registration (bad service name,
   *     wrong token): retrying would not help
   */
  public MeshLink start() {
    if (!tryRegister()) {
      serveFromCache("control plane unreachable at start");
      scheduleRegistration();
    }
    watch = client.watch(subscription(), new Listener(), WatchSettings.defaults().withBackoff(settings.backoff()));
    proxy.onMissingService(this::watchService);
    return this;
  }

  /** The link's state now; never null. */
  public LinkStatus status() {
    Registration current = registration;
    return status.get().withRegistration(current == null ? null : current.id());
  }

  /** The snapshot the proxy runs on, or empty before any. */
  public Optional<TranslatedSnapshot> current() {
    return Optional.ofNullable(current.get());
  }

  /** Where the last good snapshot is cached. */
  public SnapshotCache cache() {
    return cache;
  }

  /**
   * Adds {@code service} to what is watched, so that its endpoints arrive with the next snapshot
   * (the outbound listener asks for a service it does not know). Does nothing when it is
   * already watched, or once {@value #MAX_ON_DEMAND} services were added this way.
   *
   * <p>Threading: called on event loops for every request naming an unknown service, so it only
   * looks at a concurrent set and hands the rest (the link's lock, encoding the new subscription)
   * to the link's background thread. Never blocks.
   */
  public void watchService(ServiceKey service) {
    if (closed || asked.contains(service) || asked.size() >= settings.upstreams().size() + MAX_ON_DEMAND) {
      return;
    }
    if (!asked.add(service)) {
      return; // another event loop asked for it at the same moment
    }
    try {
      background.execute(() -> subscribeOnDemand(service));
    } catch (RejectedExecutionException closing) {
      // the link is closing: nothing is watched any more
    }
  }

  /** Adds {@code service} to the subscription; on the background thread. */
  private void subscribeOnDemand(ServiceKey service) {
    Subscription next;
    synchronized (this) {
      if (upstreams.contains(service) || onDemand >= MAX_ON_DEMAND) {
        return;
      }
      upstreams.add(service);
      if (++onDemand == MAX_ON_DEMAND) {
        log.warn("watching {} services on demand; further unknown services are not looked up", MAX_ON_DEMAND);
      }
      next = subscription();
    }
    log.info("watching {} on demand", service);
    SnapshotWatch running = watch;
    if (running != null) {
      running.subscribe(next);
    }
  }

  private synchronized Subscription subscription() {
    List<String> names = new ArrayList<>();
    for (ServiceKey upstream : upstreams) {
      names.add(upstream.namespace().equals(settings.service().namespace())
          ? upstream.name() : upstream.namespace() + "/" + upstream.name());
    }
    return new Subscription(settings.node(), settings.service().name(), settings.service().namespace(), names);
  }

  // ---- registration

  /** Registers once; true when registered, false when worth retrying; throws when refused. */
  private boolean tryRegister() {
    InetSocketAddress inbound = proxy.inboundAddress();
    InstanceRegistration request = new InstanceRegistration(settings.service().name(),
        settings.service().namespace(), inbound.getHostString(), inbound.getPort(),
        settings.labels(), settings.zone(), settings.leaseSeconds(), settings.healthPort());
    try {
      Registration started = client.keepRegistered(request);
      if (closed) {
        started.close();
        return true;
      }
      registration = started;
      log.info("registered {} at {}:{} as {}", settings.service(), inbound.getHostString(), inbound.getPort(), started.id());
      return true;
    } catch (ControlApiException e) {
      if (e.status() == 0 || e.status() >= 500) {
        log.warn("cannot register {} yet: {}", settings.service(), e.getMessage());
        return false;
      }
      throw e;
    }
  }

  private void scheduleRegistration() {
    if (closed) {
      return;
    }
    long delay = settings.backoff().delay(registerAttempts++).toMillis();
    background.schedule(() -> {
      try {
        if (!closed && !tryRegister()) {
          scheduleRegistration();
        }
      } catch (ControlApiException e) {
        log.error("registration of {} refused, not retrying: {}", settings.service(), e.getMessage());
      }
    }, delay, TimeUnit.MILLISECONDS);
  }

  // ---- snapshots

  /** Validates and runs {@code snapshot}; the answer the control plane gets. */
  SnapshotDecision accept(Snapshot snapshot) {
    TranslatedSnapshot translated;
    try {
      translated = SnapshotTranslator.translate(snapshot);
      synchronized (applyLock) {
        proxy.apply(translated.version(), translated.services());
        current.set(translated);
      }
    } catch (SnapshotRejected | RuntimeException e) {
      String why = "snapshot " + snapshot.version() + " refused: " + e.getMessage();
      log.warn("{}; keeping {}", why, current.get() == null ? "no view" : "snapshot " + current.get().version());
      status.updateAndGet(s -> s.outOfSync(why, clock.instant()));
      return SnapshotDecision.nack(e.getMessage());
    }
    status.updateAndGet(s -> s.inSync(snapshot.version(), clock.instant()));
    if (unwritten.getAndSet(snapshot) == null) {
      background.execute(this::writeCache);
    }
    return SnapshotDecision.ack();
  }

  /** Writes the newest unwritten snapshot; older ones that queued up behind it are skipped. */
  private void writeCache() {
    Snapshot snapshot = unwritten.getAndSet(null);
    if (snapshot == null) {
      return;
    }
    try {
      cache.write(snapshot);
    } catch (java.io.IOException | RuntimeException e) {
      log.warn("cannot cache snapshot {} in {}: {}", snapshot.version(), cache.file(), e.toString());
    }
  }

  /** Runs the cached snapshot when nothing better has arrived; a bad or missing cache is logged. */
  private void serveFromCache(String why) {
    synchronized (applyLock) {
      if (current.get() != null) {
        return;
      }
      Optional<Snapshot> cached;
      try {
        cached = cache.read();
      } catch (java.io.IOException | RuntimeException e) {
        log.warn("cannot read the snapshot cache {}: {}", cache.file(), e.toString());
        status.updateAndGet(s -> s.outOfSync(why + "; unreadable cache " + cache.file(), clock.instant()));
        return;
      }
      if (cached.isEmpty()) {
        status.updateAndGet(s -> s.outOfSync(why + "; no cached snapshot", clock.instant()));
        return;
      }
      try {
        TranslatedSnapshot translated = SnapshotTranslator.translate(cached.get());
        proxy.apply(translated.version(), translated.services());
        current.set(translated);
        log.warn("{}: serving cached snapshot {} from {}", why, translated.version(), cache.file());
        status.updateAndGet(s -> s.servingCache(translated.version(), why, clock.instant()));
      } catch (SnapshotRejected | RuntimeException e) {
        log.warn("cached snapshot in {} refused: {}", cache.file(), e.getMessage());
        status.updateAndGet(s -> s.outOfSync(why + "; cached snapshot refused", clock.instant()));
      }
    }
  }

  /**
   * Deregisters (peers stop picking this instance as soon as their next snapshot arrives), then
   * stops watching. The proxy itself is left running: its owner drains and closes it.
   */
  @Override
  public void close() {
    closed = true;
    proxy.onMissingService(MissingServiceListener.NONE);
    Registration current = registration;
    if (current != null) {
      current.close();
    }
    SnapshotWatch running = watch;
    if (running != null) {
      running.close();
    }
    background.shutdown();
    try {
      background.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    background.shutdownNow();
  }

  /** The watch's callbacks, on the watch's thread, one at a time. */
  private final class Listener implements WatchListener {
    @Override
    public SnapshotDecision onSnapshot(Snapshot snapshot) {
      return accept(snapshot);
    }

    @Override
    public void onConnected() {
      log.info("watching the control plane at {}", client.base());
    }

    @Override
    public void onDisconnected(Throwable cause) {
      String why = "control plane unreachable: " + rootMessage(cause);
      status.updateAndGet(s -> s.outOfSync(why, clock.instant()));
      serveFromCache(why);
    }
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
