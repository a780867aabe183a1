package dev.trellis.bench.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FixedResponseServerTest {

  @Test
  void answersEveryRequestWithTheFixedBody() throws Exception {
    try (FixedResponseServer server = FixedResponseServer.start(0, 1024);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      for (String path : new String[] {"/", "/anything?x=1"}) {
        HttpResponse<byte[]> response = client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(1024).containsOnly((byte) 'x');
      }
    }
  }

  @Test
  void keepsTheConnectionAliveAndAnswersPipelinedRequestsInOrder() throws Exception {
    try (FixedResponseServer server = FixedResponseServer.start(0, 3);
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET /a HTTP/1.1\r\nhost: x\r\n\r\nPOST /b HTTP/1.1\r\nhost: x\r\ncontent-length: 4\r\n\r\nbody"
          + "GET /c HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();

      String all = readToEnd(socket.getInputStream());

      assertThat(all.split("HTTP/1.1 200 OK", -1)).hasSize(4);
      assertThat(all).endsWith("connection: close\r\n\r\nxxx");
    }
  }

  private static String readToEnd(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
  }
}
