package dev.trellis.control.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.json.ApiJson;
import dev.trellis.api.registry.InstanceRegistration;
import dev.trellis.control.Refused;
import dev.trellis.control.registry.Registry;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** {@code /v1/instances} and {@code /v1/endpoints}: the registry over HTTP. */
final class RegistryRoutes {
  private final ObjectMapper json = ApiJson.mapper();
  private final Registry registry;

  RegistryRoutes(Registry registry) {
    this.registry = registry;
  }

  void addTo(Router router) {
    router.add("POST", "/v1/instances", this::register);
    router.add("PUT", "/v1/instances/{id}/lease", this::heartbeat);
    router.add("DELETE", "/v1/instances/{id}", this::deregister);
    router.add("GET", "/v1/endpoints", request ->
        ApiResponse.okNow(registry.view(null, null)));
    router.add("GET", "/v1/endpoints/{service}", request ->
        ApiResponse.okNow(registry.view(request.pathParam("service"), request.query("namespace", "default"))));
  }

  private CompletableFuture<ApiResponse> register(ApiRequest request) {
    InstanceRegistration registration;
    try {
      registration = json.readValue(request.body(), InstanceRegistration.class);
    } catch (IOException | RuntimeException e) {
      throw new Refused(Refused.Reason.BAD_REQUEST, "unreadable registration: " + rootMessage(e));
    }
    return registry.register(registration).thenApply(r -> new ApiResponse(201, r));
  }

  private CompletableFuture<ApiResponse> heartbeat(ApiRequest request) {
    registry.heartbeat(request.pathParam("id"));
    return CompletableFuture.completedFuture(new ApiResponse(204, null));
  }

  private CompletableFuture<ApiResponse> deregister(ApiRequest request) {
    return registry.deregister(request.pathParam("id"))
        .thenApply(ignored -> new ApiResponse(204, null));
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage()).lines().findFirst().orElse("");
  }
}
