package dev.trellis.testkit.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real Prometheus server (the machine's {@code prometheus}, from Debian's package) scraping
 * given targets every second, for tests that check what Prometheus itself makes of a scrape.
 * It listens on a free loopback port that it picks itself (port 0) and reports in its log.
 *
 * <pre>{@code
 * try (PrometheusServer prometheus = PrometheusServer.scraping(dir, List.of("127.0.0.1:41237"))) {
 *   String json = prometheus.query("up");
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops it (SIGTERM, then SIGKILL after a grace period).
 */
public final class PrometheusServer implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("msg=\"Listening on\" address=(\\S+)");
  private static final Duration START = Duration.ofSeconds(30);

  private final Process process;
  private final Path log;
  private final URI base;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(Process process, Path log, URI base) {
    this.process = process;
    this.log = log;
    this.base = base;
  }

  /** Starts Prometheus in {@code dir}, scraping {@code /metrics} of each {@code host:port} every second. */
  public static PrometheusServer scraping(Path dir, List<String> targets) {
    try {
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(config, """
          global:
            scrape_interval: 1s
            scrape_timeout: 1s
          scrape_configs:
            - job_name: trellis
              static_configs:
                - targets: [%s]
          """.formatted(targets.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(", "))));
      Path log = dir.resolve("prometheus.log");
      Process process = new ProcessBuilder("prometheus", "--config.file=" + config,
              "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:0")
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      URI base = awaitAddress(process, log);
      return new PrometheusServer(process, log, base);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start prometheus (is it installed? .ci/run installs it)", e);
    }
  }

  private static URI awaitAddress(Process process, Path log) throws IOException {
    Instant deadline = Instant.now().plus(START);
    while (Instant.now().isBefore(deadline)) {
      Matcher matcher = LISTENING.matcher(Files.readString(log));
      if (matcher.find()) {
        return URI.create("http://" + matcher.group(1) + "/");
      }
      if (!process.isAlive()) {
        throw new AssertionError("prometheus exited " + process.exitValue() + ":\n" + Files.readString(log));
      }
      pause();
    }
    process.destroyForcibly();
    throw new AssertionError("prometheus did not listen within " + START + ":\n" + Files.readString(log));
  }

  /** The JSON answer of an instant query ({@code /api/v1/query}). */
  public String query(String promql) {
    URI uri = base.resolve("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException("query " + promql, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** What Prometheus logged so far, for assertion messages. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    http.close();
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
