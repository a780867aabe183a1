package dev.trellis.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of mesh resource Trellis understands, with the {@code apiVersion} each is written in.
 *
 * <p>Our own kinds live in {@code trellis.dev/v1alpha1}; routes are the Kubernetes Gateway API's,
 * used as the GAMMA (mesh) profile uses them. {@link #lookup(String)} accepts what a user types on
 * the command line: the kind, its plural, or its short name, in any case ({@code httproute},
 * {@code HTTPRoutes}, {@code svc}).
 */
public enum ResourceKind {
  SERVICE("trellis.dev/v1alpha1", "Service", true, "services", "svc"),
  TRAFFIC_POLICY("trellis.dev/v1alpha1", "TrafficPolicy", true, "trafficpolicies", "tp"),
  AUTHORIZATION_POLICY("trellis.dev/v1alpha1", "AuthorizationPolicy", true,
      "authorizationpolicies", "authz"),
  MESH_CONFIG("trellis.dev/v1alpha1", "MeshConfig", false, "meshconfigs", "mesh"),
  HTTP_ROUTE("gateway.networking.k8s.io/v1", "HTTPRoute", true, "httproutes", "route"),
  GRPC_ROUTE("gateway.networking.k8s.io/v1", "GRPCRoute", true, "grpcroutes", "grpcroute");

  private final String apiVersion;
  private final String kindName;
  private final boolean namespaced;
  private final List<String> aliases;

  ResourceKind(String apiVersion, String kindName, boolean namespaced, String... aliases) {
    this.apiVersion = apiVersion;
    this.kindName = kindName;
    this.namespaced = namespaced;
    this.aliases = List.of(aliases);
  }

  /** The {@code apiVersion} a document of this kind must carry. */
  public String apiVersion() {
    return apiVersion;
  }

  /** The {@code kind} as written in a document, e.g. {@code HTTPRoute}. */
  public String kindName() {
    return kindName;
  }

  /** The API group: the part of {@link #apiVersion()} before the slash. */
  public String group() {
    return apiVersion.substring(0, apiVersion.indexOf('/'));
  }

  /** False for mesh-wide singletons such as {@code MeshConfig}, which have no namespace. */
  public boolean namespaced() {
    return namespaced;
  }

  /** The kind whose document name is exactly {@code kind} (as in a YAML {@code kind:} field). */
  public static Optional<ResourceKind> ofKindName(String kind) {
    return Arrays.stream(values()).filter(k -> k.kindName.equals(kind)).findFirst();
  }

  /** The kind a user means by {@code word}: its name, plural or short name, in any case. */
  public static Optional<ResourceKind> lookup(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(k -> k.kindName.toLowerCase(Locale.ROOT).equals(w) || k.aliases.contains(w))
        .findFirst();
  }

  /** Every name {@link #lookup(String)} accepts for this kind, for help texts. */
  public List<String> names() {
    return java.util.stream.Stream.concat(
        java.util.stream.Stream.of(kindName.toLowerCase(Locale.ROOT)), aliases.stream()).toList();
  }
}
