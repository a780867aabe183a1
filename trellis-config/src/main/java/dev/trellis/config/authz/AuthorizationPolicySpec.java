package dev.trellis.config.authz;

import dev.trellis.config.Reference;
import dev.trellis.config.ResourceSpec;
import dev.trellis.config.policy.TargetRef;
import java.util.List;
import java.util.Optional;

/**
 * The spec of an {@code AuthorizationPolicy}: who may (ALLOW) or may not (DENY) call a service.
 *
 * <p>Semantics as in Istio: a request is denied when any DENY policy matches it; otherwise, when
 * ALLOW policies apply to the service, it is allowed only if one matches; with no policies the
 * mesh's {@code defaultAuthorization} decides. A policy matches when any rule does; a policy with
 * no rules matches nothing (so an ALLOW policy without rules denies everything).
 *
 * @param targetRef  the service it applies to, or empty for every service of its namespace
 * @param action     {@link AuthorizationAction#ALLOW} when the document says none
 * @param rules      the rules, any of which matching makes the policy match
 * @param references the TARGET reference, when there is a target
 */
public record AuthorizationPolicySpec(Optional<TargetRef> targetRef, AuthorizationAction action,
    List<AuthorizationRule> rules, List<Reference> references) implements ResourceSpec {

  public AuthorizationPolicySpec {
    rules = List.copyOf(rules);
    references = List.copyOf(references);
  }
}
