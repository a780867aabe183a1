package dev.trellis.config.route;

import dev.trellis.config.Reference;
import dev.trellis.config.ResourceKey;
import dev.trellis.config.ResourceKind;
import dev.trellis.config.internal.FieldReader;
import dev.trellis.config.internal.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what HTTP and gRPC routes share: parent refs, host names and backend refs, and collects
 * the references they make. One instance per route document; not thread-safe.
 */
final class RouteRefReader {
  /** Groups that mean the core {@code Service} kind; "" is what the Gateway API writes. */
  static final Set<String> SERVICE_GROUPS = Set.of("", "core", "trellis.dev");
  private static final Format SERVICE_GROUP = new Format(
      "\"\" (the core group), core or trellis.dev: the group of Service",
      SERVICE_GROUPS::contains);
  private static final Format SERVICE_KIND = new Format("Service", "Service"::equals);
  private static final Format PARENT_KIND = new Format(
      "Service: Trellis routes attach to services, as in the Gateway API mesh (GAMMA) profile;"
          + " Gateway, the Gateway API default, is not supported",
      "Service"::equals);

  private final String routeNamespace;
  private final List<Reference> references = new ArrayList<>();

  RouteRefReader(String routeNamespace) {
    this.routeNamespace = routeNamespace;
  }

  List<Reference> references() {
    return references;
  }

  List<ParentRef> parentRefs(FieldReader spec) {
    List<ParentRef> parents = new ArrayList<>();
    for (FieldReader ref : spec.objectList("parentRefs", 1, 32)) {
      String group = ref.optionalString("group", SERVICE_GROUP, "");
      String kind = ref.requiredString("kind", PARENT_KIND);
      String namespace = ref.optionalString("namespace", Format.DNS_LABEL, routeNamespace);
      String name = ref.requiredString("name", Format.DNS_LABEL);
      Optional<String> sectionName = ref.optionalString("sectionName", Format.DNS_LABEL);
      Optional<Integer> port = ref.optionalInt("port", 1, 65535);
      ref.finish();
      parents.add(new ParentRef(group, kind, namespace, name, sectionName, port));
      references.add(new Reference(ref.path(), ref.line(),
          new ResourceKey(ResourceKind.SERVICE, namespace, name), Reference.Role.PARENT));
    }
    return parents;
  }

  List<String> hostnames(FieldReader spec) {
    return spec.stringList("hostnames", 16, Format.HOSTNAME_MATCH);
  }

  /**
   * Reads a backend reference; {@code weighted} is false for a mirror's, which has neither weight
   * nor filters. Filters, when allowed, are read by {@code filterReader}.
   */
  BackendRef backendRef(FieldReader ref, boolean weighted, RouteFilterReader filterReader) {
    String group = ref.optionalString("group", SERVICE_GROUP, "");
    String kind = ref.optionalString("kind", SERVICE_KIND, "Service");
    String name = ref.requiredString("name", Format.DNS_LABEL);
    String namespace = ref.optionalString("namespace", Format.DNS_LABEL, routeNamespace);
    Optional<Integer> port = ref.optionalInt("port", 1, 65535);
    int weight = 1;
    List<RouteFilter> filters = List.of();
    if (weighted) {
      weight = ref.optionalInt("weight", 0, 1_000_000, 1);
      filters = filterReader.filters(ref, this);
    }
    ref.finish();
    references.add(new Reference(ref.path(), ref.line(),
        new ResourceKey(ResourceKind.SERVICE, namespace, name), Reference.Role.BACKEND));
    return new BackendRef(group, kind, namespace, name, port, weight, filters);
  }

  List<BackendRef> backendRefs(FieldReader rule, RouteFilterReader filterReader) {
    List<BackendRef> backends = new ArrayList<>();
    for (FieldReader ref : rule.objectList("backendRefs", 0, 16)) {
      backends.add(backendRef(ref, true, filterReader));
    }
    return backends;
  }
}
