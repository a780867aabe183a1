package dev.trellis.control.api;

import dev.trellis.config.ResourceKey;
import dev.trellis.config.ResourceKind;
import dev.trellis.control.Refused;
import dev.trellis.control.store.ConfigStore;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /v1/apply} and {@code /v1/resources/...}: the config store over HTTP.
 *
 * <p>Kinds in paths may be written any way {@link ResourceKind#lookup} accepts (the doc uses the
 * lower-case plural); an unknown kind is a 404.
 */
final class ResourceRoutes {
  private final ConfigStore store;

  ResourceRoutes(ConfigStore store) {
    this.store = store;
  }

  void addTo(Router router) {
    router.add("POST", "/v1/apply", this::apply);
    router.add("GET", "/v1/resources/{kind}", this::list);
    router.add("GET", "/v1/resources/{kind}/{name}", this::get);
    router.add("DELETE", "/v1/resources/{kind}/{name}", this::delete);
  }

  private CompletableFuture<ApiResponse> apply(ApiRequest request) {
    String source = request.query("source", "request");
    return store.apply(source, request.bodyText(), request.booleanQuery("dryRun"))
        .thenApply(ApiResponse::ok);
  }

  private CompletableFuture<ApiResponse> list(ApiRequest request) {
    return ApiResponse.okNow(store.list(kind(request), request.query("namespace", null)));
  }

  private CompletableFuture<ApiResponse> get(ApiRequest request) {
    return ApiResponse.okNow(store.get(key(request)));
  }

  private CompletableFuture<ApiResponse> delete(ApiRequest request) {
    return store.delete(key(request)).thenApply(ApiResponse::ok);
  }

  private static ResourceKey key(ApiRequest request) {
    return new ResourceKey(kind(request),
        request.query("namespace", ResourceKey.DEFAULT_NAMESPACE), request.pathParam("name"));
  }

  private static ResourceKind kind(ApiRequest request) {
    String word = request.pathParam("kind");
    return ResourceKind.lookup(word).orElseThrow(() -> new Refused(Refused.Reason.NOT_FOUND,
        "unknown kind: " + word + " (expected: services, httproutes, grpcroutes, trafficpolicies,"
            + " authorizationpolicies or meshconfigs)"));
  }
}
