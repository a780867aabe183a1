package dev.trellis.config.policy;

import dev.trellis.config.Reference;
import dev.trellis.config.ResourceKind;
import dev.trellis.config.internal.FieldReader;
import dev.trellis.config.internal.Format;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binds a {@code TrafficPolicy} document's {@code spec} to a {@link TrafficPolicySpec}; retries
 * and health checks have readers of their own. Stateless.
 */
public final class TrafficPolicySpecReader {
  /** The shortest duration accepted where zero would make no sense. */
  static final Duration POSITIVE = Duration.ofMillis(1);
  private static final List<ResourceKind> TARGET_KINDS =
      List.of(ResourceKind.SERVICE, ResourceKind.HTTP_ROUTE, ResourceKind.GRPC_ROUTE);

  private TrafficPolicySpecReader() {}

  /** {@code namespace} is the policy's, where its target must live. */
  public static TrafficPolicySpec read(FieldReader spec, String namespace) {
    List<Reference> references = new ArrayList<>();
    Optional<TargetRef> target = TargetRefReader.read(spec.requiredObject("targetRef"),
        TARGET_KINDS, namespace, references);
    LoadBalancer balancer = spec.optionalObject("loadBalancer")
        .map(TrafficPolicySpecReader::loadBalancer).orElse(LoadBalancer.DEFAULT);
    Optional<ConnectionPool> pool = spec.optionalObject("connectionPool")
        .map(TrafficPolicySpecReader::connectionPool);
    Optional<OutlierDetection> outliers = spec.optionalObject("outlierDetection")
        .map(TrafficPolicySpecReader::outlierDetection);
    Optional<Retries> retries = spec.optionalObject("retries").map(RetriesReader::read);
    Optional<Timeouts> timeouts = spec.optionalObject("timeouts")
        .map(TrafficPolicySpecReader::timeouts);
    Optional<RateLimit> rateLimit = spec.optionalObject("rateLimit")
        .map(TrafficPolicySpecReader::rateLimit);
    Optional<HealthCheck> healthCheck = spec.optionalObject("healthCheck")
        .map(HealthCheckReader::read);
    spec.finish();
    if (healthCheck.isPresent() && target.isPresent()
        && target.get().kind() != ResourceKind.SERVICE) {
      spec.reject("healthCheck", "set", "no healthCheck when the target is a route: endpoints"
          + " belong to services");
    }
    return new TrafficPolicySpec(
        target.orElse(new TargetRef("", ResourceKind.SERVICE, "")), balancer, pool, outliers,
        retries, timeouts, rateLimit, healthCheck, references);
  }

  private static LoadBalancer loadBalancer(FieldReader section) {
    LoadBalancer.Type type = section.optionalChoice("type", LoadBalancer.Type.PEAK_EWMA,
        LoadBalancer.Type.values());
    Optional<LoadBalancer.ConsistentHash> hash = section.optionalObject("consistentHash")
        .flatMap(TrafficPolicySpecReader::consistentHash);
    if (type == LoadBalancer.Type.CONSISTENT_HASH && !section.has("consistentHash")) {
      section.reject("consistentHash", "", "a mapping with one of header, cookie, sourceIP, as"
          + " type is ConsistentHash");
    } else if (type != LoadBalancer.Type.CONSISTENT_HASH && section.has("consistentHash")) {
      section.reject("consistentHash", "set", "no consistentHash unless type is ConsistentHash");
    }
    section.finish();
    return new LoadBalancer(type, hash);
  }

  private static Optional<LoadBalancer.ConsistentHash> consistentHash(FieldReader hash) {
    List<String> given = new ArrayList<>();
    List<LoadBalancer.ConsistentHash> keys = new ArrayList<>();
    hash.optionalObject("header").ifPresent(header -> {
      given.add("header");
      keys.add(new LoadBalancer.ConsistentHash.Header(header.requiredString("name", Format.HEADER)));
      header.finish();
    });
    hash.optionalObject("cookie").ifPresent(cookie -> {
      given.add("cookie");
      keys.add(new LoadBalancer.ConsistentHash.Cookie(
          cookie.requiredString("name", Format.NON_EMPTY)));
      cookie.finish();
    });
    hash.value("sourceIP").ifPresent(v -> {
      given.add("sourceIP");
      if (!v.bool().orElse(true)) {
        v.reject("true, or leave sourceIP out");
      }
      keys.add(new LoadBalancer.ConsistentHash.SourceIp());
    });
    hash.finish();
    if (given.size() != 1) {
      hash.rejectHere(given.isEmpty() ? "nothing to hash" : String.join(" and ", given),
          "exactly one of header, cookie, sourceIP");
      return Optional.empty();
    }
    return Optional.of(keys.get(0));
  }

  private static ConnectionPool connectionPool(FieldReader section) {
    ConnectionPool d = ConnectionPool.DEFAULT;
    ConnectionPool pool = new ConnectionPool(
        section.optionalInt("maxConnectionsPerEndpoint", 1, Integer.MAX_VALUE,
            d.maxConnectionsPerEndpoint()),
        section.optionalInt("maxPendingRequests", 1, Integer.MAX_VALUE, d.maxPendingRequests()),
        section.optionalInt("maxRequestsPerConnection", 0, Integer.MAX_VALUE,
            d.maxRequestsPerConnection()),
        section.optionalDuration("connectTimeout", POSITIVE, d.connectTimeout()),
        section.optionalDuration("idleTimeout", POSITIVE, d.idleTimeout()));
    section.finish();
    return pool;
  }

  private static OutlierDetection outlierDetection(FieldReader section) {
    OutlierDetection d = OutlierDetection.DEFAULT;
    OutlierDetection detection = new OutlierDetection(
        section.optionalInt("consecutive5xxErrors", 1, Integer.MAX_VALUE,
            d.consecutive5xxErrors()),
        section.optionalDuration("interval", POSITIVE, d.interval()),
        section.optionalDuration("baseEjectionTime", POSITIVE, d.baseEjectionTime()),
        section.optionalInt("maxEjectionPercent", 0, 100, d.maxEjectionPercent()));
    section.finish();
    return detection;
  }

  private static Timeouts timeouts(FieldReader section) {
    Timeouts timeouts = new Timeouts(section.optionalDuration("request", POSITIVE),
        section.optionalDuration("idle", POSITIVE), section.optionalDuration("connect", POSITIVE));
    section.finish();
    return timeouts;
  }

  private static RateLimit rateLimit(FieldReader section) {
    double rate = section.value("requestsPerSecond").flatMap(v -> v.numberAbove(0))
        .orElse(1.0);
    if (!section.has("requestsPerSecond")) {
      section.reject("requestsPerSecond", "", "a number > 0");
    }
    int burst = section.optionalInt("burst", 1, Integer.MAX_VALUE,
        (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(rate))));
    section.finish();
    return new RateLimit(rate, burst);
  }
}
