package dev.trellis.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately simple blocking HTTP/1.1 server for load generator tests: answers every request
 * with {@code status}, and holds the first answer back for {@code firstAnswerDelayMillis} to
 * stand for a system that stalls. One thread per connection.
 */
final class ScriptedHttpServer implements AutoCloseable {

  private final ServerSocket socket;
  private final int status;
  private final long firstAnswerDelayMillis;
  private final AtomicInteger answered = new AtomicInteger();

  ScriptedHttpServer(int status, long firstAnswerDelayMillis) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.status = status;
    this.firstAnswerDelayMillis = firstAnswerDelayMillis;
    Thread.ofPlatform().daemon().name("scripted-accept").start(this::acceptLoop);
  }

  int port() {
    return socket.getLocalPort();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        connection.setTcpNoDelay(true);
        Thread.ofPlatform().daemon().name("scripted-conn").start(() -> serve(connection));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = connection.getOutputStream();
      byte[] response = ("HTTP/1.1 " + status + " Scripted\r\ncontent-length: 2\r\n\r\nok")
          .getBytes(StandardCharsets.US_ASCII);
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isEmpty()) {
          continue; // request line and headers; GETs have no body
        }
        if (answered.getAndIncrement() == 0 && firstAnswerDelayMillis > 0) {
          Thread.sleep(firstAnswerDelayMillis); // the stall under test, not synchronization
        }
        out.write(response);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // the client went away: the test is over
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
