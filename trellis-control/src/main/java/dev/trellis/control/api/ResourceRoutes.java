package dev.trellis.control.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.json.ApiJson;
import dev.trellis.api.resources.ApplyBundle;
import dev.trellis.api.resources.SourceFile;
import dev.trellis.config.ResourceKey;
import dev.trellis.config.ResourceKind;
import dev.trellis.control.Refused;
import dev.trellis.control.store.ConfigStore;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code /v1/apply} and {@code /v1/resources/...}: the config store over HTTP.
 *
 * <p>Kinds in paths may be written any way {@link ResourceKind#lookup} accepts (the doc uses the
 * lower-case plural); an unknown kind is a 404.
 */
final class ResourceRoutes {
  private final ConfigStore store;
  private final ObjectMapper json = ApiJson.mapper();

  ResourceRoutes(ConfigStore store) {
    this.store = store;
  }

  void addTo(Router router) {
    router.add("POST", "/v1/apply", this::apply);
    router.add("GET", "/v1/resources/{kind}", this::list);
    router.add("GET", "/v1/resources/{kind}/{name}", this::get);
    router.add("DELETE", "/v1/resources/{kind}/{name}", this::delete);
  }

  /**
   * One text ({@code ?source=} names it), or with {@link ApplyBundle#MEDIA_TYPE} several files
   * applied together. The body (up to 8 MiB) is decoded by the store on its writer thread, never
   * here on the event loop.
   */
  private CompletableFuture<ApiResponse> apply(ApiRequest request) {
    boolean dryRun = request.booleanQuery("dryRun");
    String source = request.query("source", "request");
    Supplier<List<SourceFile>> files = request.contentType().equals(ApplyBundle.MEDIA_TYPE)
        ? () -> bundle(request).files()
        : () -> List.of(new SourceFile(source, request.bodyText()));
    return store.apply(files, dryRun).thenApply(ApiResponse::ok);
  }

  private ApplyBundle bundle(ApiRequest request) {
    try {
      ApplyBundle bundle = json.readValue(request.body(), ApplyBundle.class);
      if (bundle.files() == null || bundle.files().isEmpty()) {
        throw new Refused(Refused.Reason.BAD_REQUEST, "files: [] (expected: at least one file)");
      }
      return bundle;
    } catch (IOException | RuntimeException e) {
      if (e instanceof Refused refused) {
        throw refused;
      }
      throw new Refused(Refused.Reason.BAD_REQUEST, "body: not an apply bundle ("
          + "expected: {\"files\":[{\"name\":...,\"content\":...}]}): " + e.getMessage());
    }
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
