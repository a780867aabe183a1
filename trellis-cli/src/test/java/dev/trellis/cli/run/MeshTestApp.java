package dev.trellis.cli.run;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application end-to-end tests run under {@code trellis run}, using the JDK alone so that it
 * starts as {@code java -cp target/test-classes}.
 *
 * <ul>
 *   <li>{@code serve}: listens on {@code $PORT}; {@code GET /work?ms=N} answers after N ms with
 *       the instance's name. On SIGTERM it says how many requests are in flight, lets them finish
 *       (as a well-behaved server does) and exits.</li>
 *   <li>{@code job}: at its very first instant calls {@code $TRELLIS_UPSTREAM_ECHO} and the
 *       sidecar's {@code HTTP_PROXY}, prints what it got, and exits 3.</li>
 * </ul>
 */
public final class MeshTestApp {
  private MeshTestApp() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "serve" -> serve(args.length > 1 ? args[1] : "app");
      case "job" -> System.exit(job());
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static void serve(String name) throws IOException, InterruptedException {
    int port = Integer.parseInt(System.getenv("PORT"));
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger served = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> {
      inFlight.incrementAndGet();
      try {
        String query = exchange.getRequestURI().getQuery();
        if (query != null && query.startsWith("ms=")) {
          Thread.sleep(Long.parseLong(query.substring(3)));
        }
        byte[] body = ("hello from " + name + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
        served.incrementAndGet();
      } catch (InterruptedException e) {
        exchange.sendResponseHeaders(500, -1);
      } finally {
        inFlight.decrementAndGet();
        exchange.close();
      }
    });
    server.start();
    // Says so when trellis run passes SIGHUP on (the JVM would otherwise stop on it).
    sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
      System.out.println(name + " got SIGHUP");
      System.out.flush();
    });
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println(name + " stopping with " + inFlight.get() + " in flight");
      server.stop(10); // returns once every exchange in flight has finished
      System.out.println(name + " stopped after serving " + served.get());
      System.out.flush();
      stopped.countDown();
    }));
    System.out.println("listening on 127.0.0.1:" + port);
    System.out.flush();
    stopped.await();
  }

  private static int job() {
    System.out.println("PORT=" + System.getenv("PORT"));
    try (HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()) {
      String upstream = System.getenv("TRELLIS_UPSTREAM_ECHO");
      HttpResponse<String> direct = client.send(
          HttpRequest.newBuilder(URI.create("http://" + upstream + "/first")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      System.out.println("upstream port answered " + direct.statusCode() + ": " + direct.body().strip());
      URI proxy = URI.create(System.getenv("HTTP_PROXY"));
      try (HttpClient proxied = HttpClient.newBuilder()
          .proxy(java.net.ProxySelector.of(new InetSocketAddress(proxy.getHost(), proxy.getPort())))
          .build()) {
        HttpResponse<String> viaProxy = proxied.send(
            HttpRequest.newBuilder(URI.create("http://echo/first")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        System.out.println("HTTP_PROXY answered " + viaProxy.statusCode() + ": " + viaProxy.body().strip());
      }
    } catch (IOException | InterruptedException e) {
      System.out.println("call failed: " + e);
    }
    System.out.flush();
    return 3;
  }
}
