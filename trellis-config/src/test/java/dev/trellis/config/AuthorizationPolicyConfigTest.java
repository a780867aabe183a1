package dev.trellis.config;

import static dev.trellis.config.Texts.errors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.config.authz.AuthorizationAction;
import dev.trellis.config.authz.AuthorizationPolicySpec;
import dev.trellis.config.authz.AuthorizationRule;
import dev.trellis.config.policy.TargetRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorizationPolicyConfigTest {

  @Test
  void readsAllowDenyAndEmptyPolicies() throws ConfigException {
    List<Resource> policies = Texts.loadExample("authorization.yaml");

    AuthorizationPolicySpec allow = policies.get(0).spec(AuthorizationPolicySpec.class);
    assertThat(allow.targetRef()).contains(new TargetRef("", ResourceKind.SERVICE, "payments"));
    assertThat(allow.action()).isEqualTo(AuthorizationAction.ALLOW);
    assertThat(allow.rules()).containsExactly(new AuthorizationRule(
        List.of(
            new AuthorizationRule.Source(List.of("spiffe://trellis.local/ns/shop/sa/checkout"),
                List.of()),
            new AuthorizationRule.Source(List.of(), List.of("ops"))),
        List.of(new AuthorizationRule.Operation(List.of("POST"), List.of("/charge*", "/refund"),
            List.of(8080)))));
    assertThat(allow.references()).containsExactly(new Reference("spec.targetRef", 8,
        new ResourceKey(ResourceKind.SERVICE, "shop", "payments"), Reference.Role.TARGET));

    AuthorizationPolicySpec deny = policies.get(1).spec(AuthorizationPolicySpec.class);
    assertThat(deny.targetRef()).isEmpty();
    assertThat(deny.action()).isEqualTo(AuthorizationAction.DENY);
    assertThat(deny.rules().get(0).from()).isEmpty();
    assertThat(deny.references()).isEmpty();

    AuthorizationPolicySpec lockdown = policies.get(2).spec(AuthorizationPolicySpec.class);
    assertThat(lockdown).isEqualTo(new AuthorizationPolicySpec(Optional.empty(),
        AuthorizationAction.ALLOW, List.of(), List.of()));
    assertThat(policies.get(2).key().namespace()).isEqualTo("vault");
  }

  @Test
  void refusesBadIdentitiesPathsAndTargets() {
    assertThat(errors("authz.yaml", """
        apiVersion: trellis.dev/v1alpha1
        kind: AuthorizationPolicy
        metadata: {name: a}
        spec:
          targetRef: {kind: HTTPRoute, name: r}
          action: allow
          rules:
            - from:
                - identities: ["web", "spiffe://x/*/sa"]
                - {}
              to:
                - paths: [admin, "/a*b"]
                  methods: [get]
                  ports: [0]
        """)).containsExactly(
        "authz.yaml:5: spec.targetRef.kind: HTTPRoute (expected: Service)",
        "authz.yaml:6: spec.action: allow (expected: one of ALLOW, DENY)",
        "authz.yaml:9: spec.rules[0].from[0].identities[0]: web (expected: a SPIFFE ID such as"
            + " spiffe://trellis.local/ns/shop/sa/web, or a prefix of one ending in \"*\")",
        "authz.yaml:9: spec.rules[0].from[0].identities[1]: spiffe://x/*/sa (expected: a SPIFFE"
            + " ID such as spiffe://trellis.local/ns/shop/sa/web, or a prefix of one ending in"
            + " \"*\")",
        "authz.yaml:10: spec.rules[0].from[1]: nothing to match (expected: at least one of"
            + " identities, namespaces)",
        "authz.yaml:12: spec.rules[0].to[0].paths[0]: admin (expected: a path starting with"
            + " \"/\", exact or a prefix ending in \"*\")",
        "authz.yaml:12: spec.rules[0].to[0].paths[1]: /a*b (expected: a path starting with"
            + " \"/\", exact or a prefix ending in \"*\")",
        "authz.yaml:13: spec.rules[0].to[0].methods[0]: get (expected: one of GET, HEAD, POST,"
            + " PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH)",
        "authz.yaml:14: spec.rules[0].to[0].ports[0]: 0 (expected: 1..65535)");
  }
}
