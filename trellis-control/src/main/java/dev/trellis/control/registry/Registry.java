package dev.trellis.control.registry;

import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.registry.EndpointsView;
import dev.trellis.api.registry.Health;
import dev.trellis.api.registry.InstanceRegistration;
import dev.trellis.api.registry.Registered;
import dev.trellis.api.registry.ServiceEndpoints;
import dev.trellis.config.Names;
import dev.trellis.config.Resource;
import dev.trellis.config.ResourceKind;
import dev.trellis.control.Refused;
import dev.trellis.control.store.MeshState;
import dev.trellis.control.store.StateStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;

/**
 * The service registry: instances come in by registration, stay while their lease is renewed,
 * and leave on deregistration or when the lease runs out.
 *
 * <p>Instances are part of the stored {@link MeshState} (a restarted control plane keeps serving
 * them); lease deadlines live only here, in memory, and restart from "now" on start, so a
 * heartbeat never costs a disk write. Time comes from the injected {@link Clock}; something
 * outside calls {@link #expireLeases()} periodically (the control plane's timer).
 *
 * <p>Thread-safe. Changes go through the store's writer thread; heartbeats touch only the lease
 * table. The lease table follows the state only once a change is committed (in the outcome's
 * result function, which runs on the writer thread after the commit), so a change that fails to
 * be written leaves every lease as it was.
 */
public final class Registry {
  private final StateStore store;
  private final Clock clock;
  private final BiPredicate<MeshState, Instance> healthChecked;
  private final Map<String, Instant> leaseDeadlines = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /**
   * @param healthChecked whether an active health check covers an instance's service in a state;
   *                      such instances start UNKNOWN instead of HEALTHY
   */
  public Registry(StateStore store, Clock clock, BiPredicate<MeshState, Instance> healthChecked) {
    this.store = store;
    this.clock = clock;
    this.healthChecked = healthChecked;
    Instant now = clock.instant();
    for (Instance instance : store.current().instances().values()) {
      leaseDeadlines.put(instance.id(), now.plusSeconds(instance.leaseSeconds()));
    }
  }

  public CompletableFuture<Registered> register(InstanceRegistration request) {
    validate(request);
    String id = request.service() + "-" + HexFormat.of().formatHex(randomBytes());
    Instant now = clock.instant();
    return store.update(state -> {
      Instance instance = new Instance(id, request.service(), request.namespace(),
          request.address(), request.port(), request.healthPort(), request.labels(), request.zone(),
          request.leaseSeconds(), now, Health.HEALTHY, "");
      if (healthChecked.test(state, instance)) {
        instance = instance.withHealth(Health.UNKNOWN, "not checked yet");
      }
      return StateStore.Outcome.committed(state.withInstance(instance), version -> {
        // Before any lease sweep can see the instance: sweeps run on the same writer thread.
        leaseDeadlines.put(id, now.plusSeconds(request.leaseSeconds()));
        return new Registered(id, request.leaseSeconds());
      });
    });
  }

  /** Renews the lease of {@code id}; NOT_FOUND when the instance is not registered. */
  public void heartbeat(String id) {
    Instance instance = store.current().instances().get(id);
    if (instance == null) {
      throw new Refused(Refused.Reason.NOT_FOUND, "instance " + id + " is not registered");
    }
    Instant deadline = clock.instant().plusSeconds(instance.leaseSeconds());
    leaseDeadlines.put(id, deadline);
    if (!store.current().instances().containsKey(id)) {
      // Removed meanwhile: its removal may have cleared the lease before the put above.
      leaseDeadlines.remove(id, deadline);
      throw new Refused(Refused.Reason.NOT_FOUND, "instance " + id + " is not registered");
    }
  }

  public CompletableFuture<Void> deregister(String id) {
    return store.update(state -> {
      if (!state.instances().containsKey(id)) {
        throw new Refused(Refused.Reason.NOT_FOUND, "instance " + id + " is not registered");
      }
      return StateStore.Outcome.committed(state.withoutInstances(List.of(id)), version -> {
        leaseDeadlines.remove(id);
        return null;
      });
    });
  }

  /** Removes, in one change, every instance whose lease ran out by the clock's now. */
  public CompletableFuture<List<String>> expireLeases() {
    return store.update(state -> {
      Instant now = clock.instant();
      List<String> expired = new ArrayList<>();
      for (String id : state.instances().keySet()) {
        Instant deadline = leaseDeadlines.get(id);
        if (deadline == null || !now.isBefore(deadline)) {
          expired.add(id);
        }
      }
      if (expired.isEmpty()) {
        return StateStore.Outcome.unchanged(List.of());
      }
      return StateStore.Outcome.committed(state.withoutInstances(expired), version -> {
        expired.forEach(leaseDeadlines::remove);
        return expired;
      });
    });
  }

  /** Records a health verdict; a no-op when the instance is gone or nothing changed. */
  public CompletableFuture<Void> setHealth(String id, Health health, String detail) {
    return setHealth(id, health, detail, () -> true);
  }

  /**
   * Records a health check's verdict if {@code stillValid} says so when the change runs, on the
   * writer thread, just before it is committed; a no-op when it does not, when the instance is
   * gone, or when nothing changed. A checker passes "not stopped" here: checking it any earlier
   * would let a checker stopped in between overwrite what its successor (or the removal of its
   * check) decided.
   */
  public CompletableFuture<Void> setHealth(String id, Health health, String detail,
      BooleanSupplier stillValid) {
    return store.update(state -> {
      Instance instance = state.instances().get(id);
      if (!stillValid.getAsBoolean() || instance == null
          || (instance.health() == health && instance.healthDetail().equals(detail))) {
        return StateStore.Outcome.unchanged(null);
      }
      return StateStore.Outcome.committed(
          state.withInstance(instance.withHealth(health, detail)), version -> null);
    });
  }

  /**
   * The registry as operators see it: every service with a {@code Service} resource or an
   * instance, or (when {@code service} is not null) just that one.
   */
  public EndpointsView view(String service, String namespace) {
    MeshState state = store.current();
    Map<String, List<Endpoint>> byService = new TreeMap<>();
    for (Resource resource : state.resources().list(ResourceKind.SERVICE)) {
      byService.put(resource.key().namespace() + "/" + resource.key().name(), new ArrayList<>());
    }
    for (Instance instance : state.instances().values()) {
      byService.computeIfAbsent(instance.serviceKey(), k -> new ArrayList<>()).add(instance.toEndpoint());
    }
    List<ServiceEndpoints> services = new ArrayList<>();
    byService.forEach((key, endpoints) -> {
      int slash = key.indexOf('/');
      String ns = key.substring(0, slash);
      String name = key.substring(slash + 1);
      if (service == null || (name.equals(service) && ns.equals(Objects.requireNonNullElse(namespace, "default")))) {
        services.add(new ServiceEndpoints(name, ns, endpoints));
      }
    });
    if (service != null && services.isEmpty()) {
      services.add(new ServiceEndpoints(service, Objects.requireNonNullElse(namespace, "default"), List.of()));
    }
    return new EndpointsView(state.version(), services);
  }

  private byte[] randomBytes() {
    byte[] bytes = new byte[6];
    random.nextBytes(bytes);
    return bytes;
  }

  private static void validate(InstanceRegistration request) {
    List<String> problems = new ArrayList<>();
    // The same rules as the Service and namespace names of documents, so that every instance
    // can be named by a Service resource.
    if (!Names.isDnsLabel(request.service())) {
      problems.add("service: " + request.service() + " (expected: " + Names.dnsLabelExpected() + ")");
    }
    if (!Names.isDnsLabel(request.namespace())) {
      problems.add("namespace: " + request.namespace() + " (expected: " + Names.dnsLabelExpected() + ")");
    }
    if (request.address().isBlank()) {
      problems.add("address: missing (expected: an IP address or host name)");
    }
    if (request.port() < 1 || request.port() > 65535) {
      problems.add("port: " + request.port() + " (expected: 1..65535)");
    }
    if (request.healthPort() < 0 || request.healthPort() > 65535) {
      problems.add("healthPort: " + request.healthPort() + " (expected: 0..65535, 0 for port)");
    }
    if (request.leaseSeconds() < 1 || request.leaseSeconds() > 3600) {
      problems.add("leaseSeconds: " + request.leaseSeconds() + " (expected: 1..3600)");
    }
    if (!problems.isEmpty()) {
      throw new Refused(Refused.Reason.BAD_REQUEST, "registration refused", problems);
    }
  }
}
