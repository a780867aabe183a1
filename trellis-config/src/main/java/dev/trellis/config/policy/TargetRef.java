package dev.trellis.config.policy;

import dev.trellis.config.ResourceKind;

/**
 * What a policy applies to: a resource in the policy's own namespace.
 *
 * @param group the API group as written, or the kind's own when the document says none ("" for
 *              {@code Service}, {@code gateway.networking.k8s.io} for routes)
 * @param kind  {@link ResourceKind#SERVICE}, or a route kind where the policy allows it
 * @param name  the target's name
 */
public record TargetRef(String group, ResourceKind kind, String name) {}
