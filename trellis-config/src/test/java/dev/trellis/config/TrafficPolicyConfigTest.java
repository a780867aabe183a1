package dev.trellis.config;

import static dev.trellis.config.Texts.errors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.config.policy.ConnectionPool;
import dev.trellis.config.policy.HealthCheck;
import dev.trellis.config.policy.LoadBalancer;
import dev.trellis.config.policy.OutlierDetection;
import dev.trellis.config.policy.RateLimit;
import dev.trellis.config.policy.Retries;
import dev.trellis.config.policy.TargetRef;
import dev.trellis.config.policy.Timeouts;
import dev.trellis.config.policy.TrafficPolicySpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrafficPolicyConfigTest {
  private static final String HEAD = """
      apiVersion: trellis.dev/v1alpha1
      kind: TrafficPolicy
      metadata: {name: p}
      spec:
        targetRef: {kind: Service, name: catalog}
      """;

  @Test
  void readsEverySection() throws ConfigException {
    List<Resource> policies = Texts.loadExample("traffic-policies.yaml");
    TrafficPolicySpec spec = policies.get(0).spec(TrafficPolicySpec.class);

    assertThat(spec.targetRef()).isEqualTo(new TargetRef("", ResourceKind.SERVICE, "catalog"));
    assertThat(spec.references()).containsExactly(new Reference("spec.targetRef", 8,
        new ResourceKey(ResourceKind.SERVICE, "shop", "catalog"), Reference.Role.TARGET));
    assertThat(spec.loadBalancer()).isEqualTo(new LoadBalancer(LoadBalancer.Type.CONSISTENT_HASH,
        Optional.of(new LoadBalancer.ConsistentHash.Header("x-user"))));
    assertThat(spec.connectionPool()).contains(
        new ConnectionPool(16, 256, 0, Duration.ofMillis(500), Duration.ofHours(1)));
    assertThat(spec.outlierDetection()).contains(
        new OutlierDetection(3, Duration.ofSeconds(10), Duration.ofSeconds(30), 30));
    assertThat(spec.retries()).contains(new Retries(3, Optional.of(Duration.ofSeconds(1)),
        List.of(Retries.RetryOn.FIVE_XX, Retries.RetryOn.CONNECT_FAILURE, Retries.RetryOn.RESET),
        new Retries.Backoff(Duration.ofMillis(50), Duration.ofSeconds(1)),
        new Retries.Budget(10, 10)));
    assertThat(spec.timeouts()).contains(
        new Timeouts(Optional.of(Duration.ofSeconds(5)), Optional.empty(), Optional.empty()));
    assertThat(spec.rateLimit()).contains(new RateLimit(100, 200));
    HealthCheck check = spec.healthCheck().orElseThrow();
    assertThat(check).isEqualTo(new HealthCheck(HealthCheck.Type.HTTP,
        Optional.of(new HealthCheck.Http("/healthz", List.of(
            new HealthCheck.StatusRange(200, 200), new HealthCheck.StatusRange(204, 299)))),
        Duration.ofSeconds(2), Duration.ofSeconds(1), 1, 2));
    assertThat(check.http().orElseThrow().expects(204)).isTrue();
    assertThat(check.http().orElseThrow().expects(201)).isFalse();
  }

  @Test
  void fillsDefaultsOfSectionsThatAreNamedButEmpty() throws ConfigException {
    List<Resource> policies = Texts.loadExample("traffic-policies.yaml");
    TrafficPolicySpec spec = policies.get(1).spec(TrafficPolicySpec.class);

    assertThat(spec.targetRef()).isEqualTo(
        new TargetRef("gateway.networking.k8s.io", ResourceKind.HTTP_ROUTE, "catalog-split"));
    assertThat(spec.loadBalancer().type()).isEqualTo(LoadBalancer.Type.LEAST_REQUEST);
    assertThat(spec.connectionPool()).contains(ConnectionPool.DEFAULT);
    assertThat(spec.outlierDetection()).contains(OutlierDetection.DEFAULT);
    assertThat(spec.retries()).contains(new Retries(2, Optional.empty(),
        Retries.DEFAULT_RETRY_ON, Retries.Backoff.DEFAULT, Retries.Budget.DEFAULT));
    assertThat(spec.rateLimit()).contains(new RateLimit(2.5, 3));
    assertThat(spec.timeouts()).isEmpty();
    assertThat(spec.healthCheck()).isEmpty();

    TrafficPolicySpec tcp = policies.get(2).spec(TrafficPolicySpec.class);
    assertThat(tcp.loadBalancer()).isEqualTo(LoadBalancer.DEFAULT);
    assertThat(tcp.healthCheck()).contains(new HealthCheck(HealthCheck.Type.TCP,
        Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(1), 1, 3));
  }

  @Test
  void refusesBadTargetsAndBalancers() {
    assertThat(errors("p.yaml", """
        apiVersion: trellis.dev/v1alpha1
        kind: TrafficPolicy
        metadata: {name: p}
        spec:
          targetRef: {kind: Deployment, name: catalog}
          loadBalancer:
            type: ConsistentHash
            consistentHash:
              header: {name: x-user}
              sourceIP: true
        ---
        apiVersion: trellis.dev/v1alpha1
        kind: TrafficPolicy
        metadata: {name: q}
        spec:
          targetRef: {group: apps, kind: Service, name: catalog, namespace: other}
          loadBalancer: {type: ConsistentHash}
        """)).containsExactly(
        "p.yaml:5: spec.targetRef.kind: Deployment (expected: one of Service, HTTPRoute,"
            + " GRPCRoute)",
        "p.yaml:8: spec.loadBalancer.consistentHash: header and sourceIP (expected: exactly"
            + " one of header, cookie, sourceIP)",
        "p.yaml:16: spec.targetRef.group: apps (expected: \"\" or core or trellis.dev for kind"
            + " Service)",
        "p.yaml:16: spec.targetRef.namespace: other (expected: no namespace: a policy applies"
            + " only within its own namespace (default))",
        "p.yaml:17: spec.loadBalancer.consistentHash: missing (expected: a mapping with one of"
            + " header, cookie, sourceIP, as type is ConsistentHash)");
  }

  @Test
  void refusesOutOfRangeSettings() {
    assertThat(errors("p.yaml", HEAD + """
          connectionPool: {maxConnectionsPerEndpoint: 0, connectTimeout: 0s}
          outlierDetection: {maxEjectionPercent: 101}
          retries:
            attempts: 11
            retryOn: [5xx, 503]
            backoff: {baseInterval: 1s, maxInterval: 100ms}
            budget: {percent: 0}
          rateLimit: {requestsPerSecond: 0, burst: 0}
          healthCheck:
            type: HTTP
            interval: 1s
            timeout: 1s
        """)).containsExactly(
        "p.yaml:6: spec.connectionPool.maxConnectionsPerEndpoint: 0 (expected: >= 1)",
        "p.yaml:6: spec.connectionPool.connectTimeout: 0s (expected: >= 1ms)",
        "p.yaml:7: spec.outlierDetection.maxEjectionPercent: 101 (expected: 0..100)",
        "p.yaml:9: spec.retries.attempts: 11 (expected: 0..10)",
        "p.yaml:10: spec.retries.retryOn[1]: 503 (expected: one of 5xx, gateway-error, reset,"
            + " connect-failure, retriable-4xx, refused-stream, unavailable, cancelled,"
            + " deadline-exceeded, resource-exhausted)",
        "p.yaml:11: spec.retries.backoff.maxInterval: 100ms (expected: at least baseInterval"
            + " (1s))",
        "p.yaml:12: spec.retries.budget.percent: 0 (expected: 1..100)",
        "p.yaml:13: spec.rateLimit.requestsPerSecond: 0 (expected: > 0)",
        "p.yaml:13: spec.rateLimit.burst: 0 (expected: >= 1)",
        "p.yaml:14: spec.healthCheck.http: missing (expected: a mapping with path, as type is"
            + " HTTP)",
        "p.yaml:17: spec.healthCheck.timeout: 1s (expected: shorter than interval)");
  }

  @Test
  void refusesAPolicyWithoutTargetAndBadHealthStatuses() {
    assertThat(errors("p.yaml", """
        apiVersion: trellis.dev/v1alpha1
        kind: TrafficPolicy
        metadata: {name: p}
        spec:
          healthCheck:
            type: HTTP
            http: {path: healthz, expectedStatuses: [600, "299-200", "2xx"]}
        """)).containsExactly(
        "p.yaml:4: spec.targetRef: missing (expected: a mapping)",
        "p.yaml:7: spec.healthCheck.http.path: healthz (expected: a path starting with \"/\")",
        "p.yaml:7: spec.healthCheck.http.expectedStatuses[0]: 600 (expected: 100..599)",
        "p.yaml:7: spec.healthCheck.http.expectedStatuses[1]: 299-200 (expected: a range whose"
            + " first status is not above its last)",
        "p.yaml:7: spec.healthCheck.http.expectedStatuses[2]: 2xx (expected: a status 100..599"
            + " or a range such as \"200-299\")");
  }

  @Test
  void refusesHealthChecksOnRoutesAndRatesThatAreNotNumbers() {
    assertThat(errors("p.yaml", """
        apiVersion: trellis.dev/v1alpha1
        kind: TrafficPolicy
        metadata: {name: p}
        spec:
          targetRef: {group: gateway.networking.k8s.io, kind: GRPCRoute, name: g}
          rateLimit: {requestsPerSecond: fast}
          healthCheck: {type: TCP, http: {path: /}}
        """)).containsExactly(
        "p.yaml:6: spec.rateLimit.requestsPerSecond: fast (expected: a number > 0)",
        "p.yaml:7: spec.healthCheck.http: set (expected: no http when type is TCP)",
        "p.yaml:7: spec.healthCheck: set (expected: no healthCheck when the target is a route:"
            + " endpoints belong to services)");
  }
}
