package dev.trellis.control.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.control.RawHttp;
import dev.trellis.control.TestControlPlane;
import dev.trellis.control.server.ControlPlane;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad requests get a fitting status and a JSON error, and the control plane stays up. */
class BadTrafficTest {
  @TempDir Path dataDir;
  ControlPlane control;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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
  void badRequestsGetFittingStatuses() throws Exception {
    assertThat(send("POST", "/v1/instances", "{not json")).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).startsWith("{\"error\":\"unreadable registration: ");
    });
    assertThat(send("POST", "/v1/instances", "{\"address\":\"127.0.0.1\",\"port\":1}").statusCode())
        .isEqualTo(400);
    assertThat(send("GET", "/v1/nothing-here", null).statusCode()).isEqualTo(404);
    assertThat(send("PATCH", "/v1/instances", "{}").statusCode()).isEqualTo(405);
    assertThat(send("POST", "/v1/apply?dryRun=maybe", "").body())
        .isEqualTo("{\"error\":\"dryRun: maybe (expected: true or false)\",\"details\":[]}");
    assertThat(send("GET", "/v1/resources/widgets", null)).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.body()).contains("unknown kind: widgets");
    });
    assertThat(send("POST", "/v1/apply", "x".repeat(9 << 20)).statusCode()).isEqualTo(413);

    assertThat(send("GET", "/healthz", null).statusCode()).isEqualTo(200);
  }

  @Test
  void badPercentEncodingIsABadRequestAndTheConnectionLives() throws Exception {
    try (RawHttp socket = new RawHttp(control.address())) {
      socket.send(RawHttp.request("GET", "/v1/resources/%zz", control.token(), null));
      RawHttp.Answer path = socket.read();
      assertThat(path.status()).isEqualTo(400);
      assertThat(path.body()).startsWith("{\"error\":\"malformed request target: ");

      socket.send(RawHttp.request("GET", "/v1/resources/services?namespace=%g1", control.token(), null));
      assertThat(socket.read().status()).isEqualTo(400);

      socket.send(RawHttp.request("GET", "/healthz", control.token(), null));
      assertThat(socket.read().status()).isEqualTo(200);
    }
  }

  @Test
  void garbageOnTheWatchClosesItWithAReason() {
    AtomicInteger closeCode = new AtomicInteger();
    AtomicReference<String> closeReason = new AtomicReference<>();
    WebSocket socket = http.newWebSocketBuilder()
        .header("Authorization", "Bearer " + control.token())
        .buildAsync(URI.create("ws://127.0.0.1:" + control.address().getPort() + "/v1/watch"),
            new WebSocket.Listener() {
              @Override
              public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closeReason.set(reason);
                closeCode.set(statusCode);
                return null;
              }
            })
        .join();

    socket.sendText("{\"type\":\"hello\"}", true).join();

    await().atMost(Duration.ofSeconds(5)).until(() -> closeCode.get() == 1003);
    assertThat(closeReason.get()).startsWith("not a watch message: ");
  }

  @Test
  void aBinaryFrameOnTheWatchIsRefusedWith1003() {
    AtomicInteger closeCode = new AtomicInteger();
    AtomicReference<String> closeReason = new AtomicReference<>();
    WebSocket socket = watch(new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason.set(reason);
        closeCode.set(statusCode);
        return null;
      }
    });

    socket.sendBinary(java.nio.ByteBuffer.wrap("{\"type\":\"subscribe\"}".getBytes()), true).join();

    await().atMost(Duration.ofSeconds(5)).until(() -> closeCode.get() == 1003);
    assertThat(closeReason.get()).startsWith("not a watch message: ");
  }

  @Test
  void aSubscriptionSentInFragmentsIsAnsweredWithASnapshot() {
    StringBuilder text = new StringBuilder();
    AtomicReference<String> firstMessage = new AtomicReference<>();
    AtomicInteger closeCode = new AtomicInteger();
    WebSocket socket = watch(new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last && firstMessage.get() == null) {
          firstMessage.set(text.toString());
        }
        webSocket.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.set(statusCode);
        return null;
      }
    });

    socket.sendText("{\"type\":\"subscribe\",\"node\":\"web-1\",", false).join();
    socket.sendText("\"service\":\"web\",\"upstreams\":[\"catalog\"]}", true).join();

    await().atMost(Duration.ofSeconds(5))
        .until(() -> firstMessage.get() != null || closeCode.get() != 0);
    assertThat(closeCode.get()).isZero();
    assertThat(firstMessage.get()).startsWith("{\"type\":\"snapshot\"");
    socket.abort();
  }

  private WebSocket watch(WebSocket.Listener listener) {
    return http.newWebSocketBuilder()
        .header("Authorization", "Bearer " + control.token())
        .buildAsync(URI.create("ws://127.0.0.1:" + control.address().getPort() + "/v1/watch"),
            listener)
        .join();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(control.uri().resolve(path))
        .header("Authorization", "Bearer " + control.token())
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
