package dev.trellis.config.authz;

import dev.trellis.config.Reference;
import dev.trellis.config.ResourceKind;
import dev.trellis.config.internal.FieldReader;
import dev.trellis.config.internal.Format;
import dev.trellis.config.internal.ValueReader;
import dev.trellis.config.policy.TargetRef;
import dev.trellis.config.policy.TargetRefReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binds an {@code AuthorizationPolicy} document's {@code spec} to an
 * {@link AuthorizationPolicySpec}. Stateless.
 */
public final class AuthorizationPolicySpecReader {
  private static final Format IDENTITY = new Format(
      "a SPIFFE ID such as spiffe://trellis.local/ns/shop/sa/web, or a prefix of one ending in"
          + " \"*\"",
      s -> s.equals("*") || (s.startsWith("spiffe://") && s.length() > "spiffe://".length()
          && s.indexOf('*') == (s.endsWith("*") ? s.length() - 1 : -1)));
  private static final Format NAMESPACE = Format.DNS_LABEL;
  private static final Format METHOD = Format.oneOf(List.of(
      "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"));
  private static final Format PATH = new Format(
      "a path starting with \"/\", exact or a prefix ending in \"*\"",
      s -> s.equals("*") || (s.startsWith("/")
          && s.indexOf('*') == (s.endsWith("*") ? s.length() - 1 : -1)));

  private AuthorizationPolicySpecReader() {}

  /** {@code namespace} is the policy's, where its target must live. */
  public static AuthorizationPolicySpec read(FieldReader spec, String namespace) {
    List<Reference> references = new ArrayList<>();
    Optional<TargetRef> target = spec.optionalObject("targetRef").flatMap(ref ->
        TargetRefReader.read(ref, List.of(ResourceKind.SERVICE), namespace, references));
    AuthorizationAction action = spec.optionalChoice("action", AuthorizationAction.ALLOW,
        AuthorizationAction.values());
    List<AuthorizationRule> rules = new ArrayList<>();
    for (FieldReader rule : spec.objectList("rules", 0, 64)) {
      rules.add(rule(rule));
    }
    spec.finish();
    return new AuthorizationPolicySpec(target, action, rules, references);
  }

  private static AuthorizationRule rule(FieldReader rule) {
    List<AuthorizationRule.Source> from = new ArrayList<>();
    for (FieldReader source : rule.objectList("from", 0, 64)) {
      from.add(new AuthorizationRule.Source(source.stringList("identities", 256, IDENTITY),
          source.stringList("namespaces", 256, NAMESPACE)));
      if (!source.has("identities") && !source.has("namespaces")) {
        source.rejectHere("nothing to match", "at least one of identities, namespaces");
      }
      source.finish();
    }
    List<AuthorizationRule.Operation> to = new ArrayList<>();
    for (FieldReader operation : rule.objectList("to", 0, 64)) {
      List<String> methods = operation.stringList("methods", 16, METHOD);
      List<String> paths = operation.stringList("paths", 256, PATH);
      List<Integer> ports = new ArrayList<>();
      for (ValueReader port : operation.list("ports", 0, 64)) {
        port.integer(1, 65535).ifPresent(ports::add);
      }
      if (!operation.has("methods") && !operation.has("paths") && !operation.has("ports")) {
        operation.rejectHere("nothing to match", "at least one of methods, paths, ports");
      }
      operation.finish();
      to.add(new AuthorizationRule.Operation(methods, paths, ports));
    }
    rule.finish();
    return new AuthorizationRule(from, to);
  }
}
