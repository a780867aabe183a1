package dev.trellis.control.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.trellis.api.client.ControlApiException;
import dev.trellis.api.client.ControlClient;
import dev.trellis.config.ResourceKind;
import dev.trellis.control.TestControlPlane;
import dev.trellis.control.server.ControlPlane;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthTest {
  @TempDir Path dataDir;
  ControlPlane control;
  HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() throws Exception {
    control = TestControlPlane.start(dataDir);
  }

  @AfterEach
  void stop() {
    http.close();
    control.close();
  }

  @Test
  void tokenIsCreatedOnFirstStartReadableOnlyByItsOwner() throws Exception {
    Path tokenFile = dataDir.resolve("admin-token");
    assertThat(Files.readString(tokenFile).strip()).isEqualTo(control.token()).hasSize(64);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
        .isEqualTo("rw-------");
  }

  @Test
  void missingTokenGets401WithAJsonError() throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(control.uri().resolve("/v1/resources/services")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("\"error\":\"missing or wrong bearer token\"");
  }

  @Test
  void wrongTokenGets401FromTheClient() {
    try (ControlClient wrong = ControlClient.create(control.uri(), control.token().replace('a', 'b') + "x")) {
      ControlApiException refused = catchThrowableOfType(ControlApiException.class,
          () -> wrong.list(ResourceKind.SERVICE, null));
      assertThat(refused.status()).isEqualTo(401);
    }
  }

  @Test
  void watchWithoutTokenIsRefusedBeforeTheUpgrade() {
    URI ws = URI.create("ws://127.0.0.1:" + control.address().getPort() + "/v1/watch");
    CompletionException failure = catchThrowableOfType(CompletionException.class, () ->
        http.newWebSocketBuilder().header("Authorization", "Bearer nope")
            .buildAsync(ws, new WebSocket.Listener() {}).join());

    assertThat(failure.getCause()).isInstanceOf(WebSocketHandshakeException.class);
    assertThat(((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode())
        .isEqualTo(401);
  }

  @Test
  void healthzNeedsNoToken() throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(control.uri().resolve("/healthz")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    try (ControlClient anonymous = ControlClient.create(control.uri(), "")) {
      assertThat(anonymous.healthy()).isTrue();
    }
  }
}
