package dev.trellis.config.route;

import dev.trellis.config.WireValue;
import dev.trellis.config.internal.FieldReader;
import dev.trellis.config.internal.Format;
import dev.trellis.config.internal.ValueReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads Gateway API filter lists: a {@code type} and exactly the one field named after it.
 *
 * <p>HTTP routes allow every type Trellis supports; gRPC routes only header modifiers and
 * mirrors. {@code ExtensionRef} is understood and refused. Stateless apart from the allowed set.
 */
final class RouteFilterReader {

  /** Every filter type of the Gateway API, with the field that carries its settings. */
  enum Type implements WireValue {
    REQUEST_HEADER_MODIFIER("RequestHeaderModifier", "requestHeaderModifier"),
    RESPONSE_HEADER_MODIFIER("ResponseHeaderModifier", "responseHeaderModifier"),
    REQUEST_REDIRECT("RequestRedirect", "requestRedirect"),
    URL_REWRITE("URLRewrite", "urlRewrite"),
    REQUEST_MIRROR("RequestMirror", "requestMirror"),
    EXTENSION_REF("ExtensionRef", "extensionRef");

    private final String wireName;
    private final String field;

    Type(String wireName, String field) {
      this.wireName = wireName;
      this.field = field;
    }

    @Override
    public String wireName() {
      return wireName;
    }
  }

  static final RouteFilterReader HTTP = new RouteFilterReader(EnumSet.of(
      Type.REQUEST_HEADER_MODIFIER, Type.RESPONSE_HEADER_MODIFIER, Type.REQUEST_REDIRECT,
      Type.URL_REWRITE, Type.REQUEST_MIRROR));
  static final RouteFilterReader GRPC = new RouteFilterReader(EnumSet.of(
      Type.REQUEST_HEADER_MODIFIER, Type.RESPONSE_HEADER_MODIFIER, Type.REQUEST_MIRROR));

  private static final Format SCHEME = Format.oneOf(List.of("http", "https"));
  private static final Set<Integer> REDIRECT_CODES = Set.of(301, 302, 303, 307, 308);

  private final Set<Type> allowed;
  private final String allowedNames;

  private RouteFilterReader(Set<Type> allowed) {
    this.allowed = allowed;
    this.allowedNames = allowed.stream().map(Type::wireName).collect(Collectors.joining(", "));
  }

  /** The filters under {@code owner.filters} (a rule or a backend ref), at most 16. */
  List<RouteFilter> filters(FieldReader owner, RouteRefReader refs) {
    List<RouteFilter> filters = new ArrayList<>();
    Map<Type, Integer> seenAt = new HashMap<>();
    List<FieldReader> items = owner.objectList("filters", 0, 16);
    for (int i = 0; i < items.size(); i++) {
      FieldReader item = items.get(i);
      Optional<Type> type = item.requiredChoice("type", Type.values());
      if (type.isEmpty()) {
        // Without a valid type its settings cannot be checked; one error is enough.
        for (Type any : Type.values()) {
          item.ignore(any.field);
        }
      }
      for (Type other : Type.values()) {
        if (type.isPresent() && other != type.get() && item.has(other.field)) {
          item.reject(other.field, "set",
              "only " + type.get().field + " when type is " + type.get().wireName);
        }
      }
      type.flatMap(t -> read(t, item, refs)).ifPresent(filters::add);
      item.finish();
      if (type.isPresent() && type.get() != Type.REQUEST_MIRROR) {
        Integer earlier = seenAt.putIfAbsent(type.get(), i);
        if (earlier != null) {
          item.reject("type", type.get().wireName,
              "each filter type but RequestMirror at most once (filters[" + earlier
                  + "] has it)");
        }
      }
    }
    if (seenAt.containsKey(Type.REQUEST_REDIRECT) && seenAt.containsKey(Type.URL_REWRITE)) {
      owner.reject("filters", "RequestRedirect and URLRewrite",
          "at most one of RequestRedirect and URLRewrite");
    }
    return filters;
  }

  private Optional<RouteFilter> read(Type type, FieldReader item, RouteRefReader refs) {
    if (!allowed.contains(type)) {
      item.ignore(type.field);
      item.reject("type", type.wireName, type == Type.EXTENSION_REF
          ? "one of " + allowedNames + " (Trellis has no filter extensions)"
          : "one of " + allowedNames);
      return Optional.empty();
    }
    if (!item.has(type.field)) {
      item.reject(type.field, "", "a mapping, as type is " + type.wireName);
      return Optional.empty();
    }
    FieldReader config = item.requiredObject(type.field);
    RouteFilter filter = switch (type) {
      case REQUEST_HEADER_MODIFIER -> new RouteFilter.RequestHeaderModifier(headerEdits(config));
      case RESPONSE_HEADER_MODIFIER -> new RouteFilter.ResponseHeaderModifier(headerEdits(config));
      case REQUEST_REDIRECT -> redirect(config);
      case URL_REWRITE -> new RouteFilter.UrlRewrite(
          config.optionalString("hostname", Format.DNS_SUBDOMAIN), pathModifier(config));
      case REQUEST_MIRROR -> mirror(config, refs);
      case EXTENSION_REF -> throw new IllegalStateException("refused above");
    };
    config.finish();
    return Optional.of(filter);
  }

  private static HeaderEdits headerEdits(FieldReader config) {
    List<HeaderValue> set = headerValues(config, "set");
    List<HeaderValue> add = headerValues(config, "add");
    List<String> remove = config.stringList("remove", 16, Format.HEADER);
    if (set.isEmpty() && add.isEmpty() && remove.isEmpty()) {
      config.rejectHere("nothing to do", "at least one of set, add, remove");
    }
    return new HeaderEdits(set, add, remove);
  }

  private static List<HeaderValue> headerValues(FieldReader config, String field) {
    List<HeaderValue> values = new ArrayList<>();
    for (FieldReader header : config.objectList(field, 0, 16)) {
      values.add(new HeaderValue(header.requiredString("name", Format.HEADER),
          header.requiredString("value", Format.ANY)));
      header.finish();
    }
    return values;
  }

  private static RouteFilter redirect(FieldReader config) {
    Optional<String> scheme = config.optionalString("scheme", SCHEME);
    Optional<String> hostname = config.optionalString("hostname", Format.DNS_SUBDOMAIN);
    Optional<PathModifier> path = pathModifier(config);
    Optional<Integer> port = config.optionalInt("port", 1, 65535);
    int statusCode = 302;
    Optional<ValueReader> code = config.value("statusCode");
    if (code.isPresent()) {
      Optional<Integer> number = code.get().integer(300, 399);
      if (number.isPresent() && !REDIRECT_CODES.contains(number.get())) {
        code.get().reject("one of 301, 302, 303, 307, 308");
      } else if (number.isPresent()) {
        statusCode = number.get();
      }
    }
    return new RouteFilter.RequestRedirect(scheme, hostname, path, port, statusCode);
  }

  private static Optional<PathModifier> pathModifier(FieldReader config) {
    Optional<FieldReader> object = config.optionalObject("path");
    if (object.isEmpty()) {
      return Optional.empty();
    }
    FieldReader path = object.get();
    Optional<PathModifier.Type> type = path.requiredChoice("type", PathModifier.Type.values());
    String fullField = "replaceFullPath";
    String prefixField = "replacePrefixMatch";
    String wanted = type.map(t -> t == PathModifier.Type.REPLACE_FULL_PATH ? fullField : prefixField)
        .orElse("");
    for (String field : List.of(fullField, prefixField)) {
      if (!field.equals(wanted) && path.has(field) && type.isPresent()) {
        path.reject(field, "set", "only " + wanted + " when type is " + type.get().wireName());
      }
    }
    Optional<String> value = wanted.isEmpty() ? Optional.empty()
        : Optional.of(path.requiredString(wanted, Format.ABSOLUTE_PATH));
    path.finish();
    return type.flatMap(t -> value.map(v -> new PathModifier(t, v)));
  }

  private static RouteFilter mirror(FieldReader config, RouteRefReader refs) {
    FieldReader backend = config.requiredObject("backendRef");
    BackendRef ref = refs.backendRef(backend, false, null);
    int percent = config.optionalInt("percent", 0, 100, 100);
    return new RouteFilter.RequestMirror(ref, percent);
  }
}
