/**
 * JMH microbenchmarks of the proxy's hot paths (balancer pick and per-request accounting, the
 * HTTP/2-to-HTTP/1 header fix-up), run by {@code bench/run jmh} ({@code org.openjdk.jmh.Main}
 * with {@code -prof gc}, so allocation per operation is printed). Never run by {@code mvn verify}.
 */
package dev.trellis.bench.jmh;
