package dev.trellis.examples.bookstore.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A small HTTP/1.1 server on loopback for one service: {@code GET /healthz}, then everything
 * else to the service's handler.
 *
 * <p>Each request runs on its own virtual thread, so handlers may block (call an upstream,
 * wait out injected latency). A handler that throws is answered 500 with the reason, and the
 * server keeps serving; methods other than GET and HEAD are answered 405. {@link #close} stops
 * accepting, lets requests in flight finish for up to a second, then returns; closing twice is harmless.
 */
public final class HttpEndpoint implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicBoolean closed = new AtomicBoolean();

  private HttpEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds 127.0.0.1:{@code port} (0 picks a free port) and starts serving.
   *
   * @param name the service name, used in 500 answers
   * @throws IOException when the port cannot be bound
   */
  public static HttpEndpoint start(String name, int port, Function<Request, Reply> handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", exchange -> serve(name, handler, exchange));
    server.start();
    return new HttpEndpoint(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void serve(String name, Function<Request, Reply> handler, HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      Request request = new Request(method, exchange.getRequestURI().getPath(), exchange.getRequestURI());
      Reply reply;
      if (!method.equals("GET") && !method.equals("HEAD")) {
        reply = Reply.error(405, method + " " + request.path() + ": method not allowed (expected: GET or HEAD)")
            .withHeader("Allow", "GET, HEAD");
      } else if (request.path().equals("/healthz")) {
        reply = Reply.text(200, "ok");
      } else {
        reply = answer(name, handler, request);
      }
      send(exchange, reply, method.equals("HEAD"));
    }
  }

  private static Reply answer(String name, Function<Request, Reply> handler, Request request) {
    try {
      return handler.apply(request);
    } catch (RuntimeException e) {
      // Be forgiving of whatever went wrong: answer it with the reason and keep serving.
      return Reply.error(500, name + " failed on " + request.path() + ": " + e);
    }
  }

  private static void send(HttpExchange exchange, Reply reply, boolean headOnly) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    for (Map.Entry<String, String> header : reply.headers().entrySet()) {
      exchange.getResponseHeaders().set(header.getKey(), header.getValue());
    }
    // -1 says "no body"; 0 would mean a chunked body of unknown length.
    boolean noBody = headOnly || reply.body().length == 0;
    exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply.body());
      }
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(1);
    executor.shutdownNow();
  }
}
