package dev.trellis.testkit.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP/1.1 application on {@code 127.0.0.1}, port 0, whose behaviour a test changes while
 * it runs: the service instance behind a sidecar in end-to-end tests.
 *
 * <table>
 *   <caption>What it answers</caption>
 *   <tr><td>{@code GET /healthz}</td><td>{@link #healthStatus(int)} (200 at first), no delay</td></tr>
 *   <tr><td>{@code POST /count}</td><td>reads the body as it streams and answers
 *       {@code count=N}, N its length in bytes; nothing is kept</td></tr>
 *   <tr><td>{@code POST /sha256}</td><td>answers {@code sha256=HEX} of the body and its length</td></tr>
 *   <tr><td>anything else</td><td>after {@link #delayMillis(long)}, {@code 200} with the instance
 *       name as body and header {@code x-app}</td></tr>
 * </table>
 *
 * <p>Thread-safe: each exchange runs on its own virtual thread; the setters take effect for the
 * requests that arrive after them.
 */
public final class ScriptedApp implements AutoCloseable {
  private final String name;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicInteger healthStatus = new AtomicInteger(200);
  private final AtomicLong delayMillis = new AtomicLong();
  private final AtomicLong served = new AtomicLong();

  private ScriptedApp(String name, HttpServer server) {
    this.name = name;
    this.server = server;
  }

  /** Starts an instance called {@code name} on a free loopback port. */
  public static ScriptedApp start(String name) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
      ScriptedApp app = new ScriptedApp(name, server);
      server.createContext("/", app::handle);
      server.setExecutor(app.executor);
      server.start();
      return app;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String name() {
    return name;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The status {@code /healthz} answers from now on. */
  public void healthStatus(int status) {
    healthStatus.set(status);
  }

  /** How long every ordinary request waits before it is answered. */
  public void delayMillis(long millis) {
    delayMillis.set(millis);
  }

  /** Requests answered so far, health checks left out. */
  public long served() {
    return served.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      switch (path) {
        case "/healthz" -> respond(exchange, healthStatus.get(), "health " + name);
        case "/count" -> respond(exchange, 200, "count=" + drain(exchange.getRequestBody(), null));
        case "/sha256" -> respond(exchange, 200, sha256(exchange.getRequestBody()));
        default -> {
          exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
          pause(delayMillis.get());
          respond(exchange, 200, name);
        }
      }
      if (!path.equals("/healthz")) {
        served.incrementAndGet();
      }
    }
  }

  private void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("x-app", name);
    exchange.getResponseHeaders().add("content-type", "text/plain");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String sha256(InputStream body) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      long length = drain(body, digest);
      return "sha256=" + HexFormat.of().formatHex(digest.digest()) + " length=" + length;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long drain(InputStream body, MessageDigest digest) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = body.read(buffer)) >= 0; ) {
      total += n;
      if (digest != null) {
        digest.update(buffer, 0, n);
      }
    }
    return total;
  }

  private static void pause(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis); // the application's own latency, part of what the test sets up
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops listening at once: later connections are refused. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
