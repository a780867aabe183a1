package dev.trellis.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.config.internal.FieldReader;
import dev.trellis.config.internal.Format;
import dev.trellis.config.internal.Node;
import dev.trellis.config.internal.NodeJson;
import dev.trellis.config.internal.Problems;
import dev.trellis.config.authz.AuthorizationPolicySpecReader;
import dev.trellis.config.mesh.MeshConfigSpecReader;
import dev.trellis.config.policy.TrafficPolicySpecReader;
import dev.trellis.config.route.GrpcRouteSpecReader;
import dev.trellis.config.route.HttpRouteSpecReader;
import dev.trellis.config.service.ServiceSpecReader;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Binds one document tree to a {@link Resource}: the envelope (apiVersion, kind, metadata) here,
 * the spec by the reader of its kind. Errors go to {@link Problems}; the result is only
 * meaningful when none were added. Stateless.
 */
final class DocumentBinder {
  /** Metadata the store sets; accepted so that what {@code get} shows can be applied back. */
  private static final String[] READ_ONLY_METADATA =
      {"resourceVersion", "generation", "uid", "creationTimestamp"};
  private static final Format ANY_KEY = new Format("a non-empty string", s -> !s.isEmpty());

  private DocumentBinder() {}

  /** The resource {@code root} describes, or empty when it is too broken to name one. */
  static Optional<Resource> bind(Node root, Problems problems) {
    if (!(root instanceof Node.MapNode map)) {
      problems.add(root.line(), "", root.describe(),
          "a mapping with apiVersion, kind, metadata and spec");
      return Optional.empty();
    }
    FieldReader document = FieldReader.root(problems, map);
    String kindName = document.requiredString("kind", Format.oneOf(
        Arrays.stream(ResourceKind.values()).map(ResourceKind::kindName).toList()));
    Optional<ResourceKind> kind = ResourceKind.ofKindName(kindName);
    if (kind.isEmpty()) {
      // Without a kind nothing else can be checked; one error says it.
      document.ignore("apiVersion", "metadata", "spec", "status");
      document.finish();
      return Optional.empty();
    }
    String apiVersion = document.requiredString("apiVersion",
        new Format(kind.get().apiVersion() + " for kind " + kind.get().kindName(),
            kind.get().apiVersion()::equals));
    Metadata metadata = metadata(document.requiredObject("metadata"), kind.get());
    document.ignore("status");
    ResourceSpec spec = spec(document, kind.get(), metadata);
    document.finish();
    if (apiVersion.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode written = (ObjectNode) NodeJson.toJson(map);
    written.remove("status");
    if (written.get("metadata") instanceof ObjectNode meta) {
      meta.remove(Arrays.asList(READ_ONLY_METADATA));
    }
    ResourceKey key = new ResourceKey(kind.get(), metadata.namespace(), metadata.name());
    return Optional.of(new Resource(key, metadata, spec, written, problems.source(), map.line()));
  }

  private static Metadata metadata(FieldReader metadata, ResourceKind kind) {
    String name;
    String namespace;
    if (kind.namespaced()) {
      name = metadata.requiredString("name",
          kind == ResourceKind.SERVICE ? Format.DNS_LABEL : Format.DNS_SUBDOMAIN);
      namespace = metadata.optionalString("namespace", Format.DNS_LABEL,
          ResourceKey.DEFAULT_NAMESPACE);
    } else {
      name = metadata.requiredString("name", new Format(
          "default: there is one " + kind.kindName() + " per mesh", "default"::equals));
      namespace = "";
      metadata.value("namespace").ifPresent(v ->
          v.reject("no namespace: " + kind.kindName() + " applies to the whole mesh"));
    }
    Map<String, String> labels = metadata.stringMap("labels", ANY_KEY, Format.ANY);
    Map<String, String> annotations = metadata.stringMap("annotations", ANY_KEY, Format.ANY);
    metadata.ignore(READ_ONLY_METADATA);
    metadata.finish();
    return new Metadata(name, namespace, labels, annotations);
  }

  private static ResourceSpec spec(FieldReader document, ResourceKind kind, Metadata metadata) {
    if (kind == ResourceKind.MESH_CONFIG) {
      // Every MeshConfig field has a default, so an empty spec (or none) is a valid document.
      return MeshConfigSpecReader.read(document.optionalObject("spec")
          .orElseGet(() -> FieldReader.root(document.problems(), new Node.MapNode(0, Map.of()))));
    }
    FieldReader spec = document.requiredObject("spec");
    String namespace = metadata.namespace();
    return switch (kind) {
      case SERVICE -> ServiceSpecReader.read(spec);
      case HTTP_ROUTE -> HttpRouteSpecReader.read(spec, namespace);
      case GRPC_ROUTE -> GrpcRouteSpecReader.read(spec, namespace);
      case TRAFFIC_POLICY -> TrafficPolicySpecReader.read(spec, namespace);
      case AUTHORIZATION_POLICY -> AuthorizationPolicySpecReader.read(spec, namespace);
      case MESH_CONFIG -> throw new IllegalStateException("read above");
    };
  }
}
