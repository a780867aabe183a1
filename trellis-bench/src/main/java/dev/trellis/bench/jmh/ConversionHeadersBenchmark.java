package dev.trellis.bench.jmh;

import dev.trellis.proxy.http.Http1Headers;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-message cost of {@link Http1Headers#stripConversionHeaders}, which every message
 * crossing between the HTTP/2 hop and an HTTP/1.1 side goes through.
 *
 * <p>{@code scanWithoutConversionHeaders} is the pure scan over typical request headers with
 * nothing to remove. {@code copyAndStrip} removes the two headers Netty's conversion adds
 * ({@code x-http2-stream-id}, {@code x-http2-scheme}) from a fresh copy; compare it with
 * {@code copyOnly}, its baseline, to see what the stripping itself costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ConversionHeadersBenchmark {

  private HttpHeaders plain;
  private HttpHeaders converted;

  @Setup
  public void setUp() {
    plain = new DefaultHttpHeaders()
        .add("host", "catalog")
        .add("user-agent", "bookstore-web/1.0")
        .add("accept", "application/json")
        .add("accept-encoding", "gzip")
        .add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        .add("x-request-id", "5f8a1c2e-1d3b-4c7e-9a0b-2e6f7d8c9b1a")
        .add("content-length", "0");
    converted = new DefaultHttpHeaders().add(plain)
        .add("x-http2-stream-id", "3")
        .add("x-http2-scheme", "http");
  }

  @Benchmark
  public HttpHeaders scanWithoutConversionHeaders() {
    Http1Headers.stripConversionHeaders(plain);
    return plain;
  }

  @Benchmark
  public HttpHeaders copyOnly() {
    return new DefaultHttpHeaders().add(converted);
  }

  @Benchmark
  public HttpHeaders copyAndStrip() {
    HttpHeaders copy = new DefaultHttpHeaders().add(converted);
    Http1Headers.stripConversionHeaders(copy);
    return copy;
  }
}
