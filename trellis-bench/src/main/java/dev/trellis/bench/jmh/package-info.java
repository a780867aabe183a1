/**
 * JMH microbenchmarks of the proxy's hot paths (balancer pick and per-request accounting, the
 * HTTP/2-to-HTTP/1 header fix-up, the routing decision, reading the current snapshot's state,
 * recording a request's metrics) and of what a new snapshot costs (decode, translate, apply), run
 * by {@code bench/run jmh} ({@code org.openjdk.jmh.Main} with {@code -prof gc}, so allocation per operation is printed).
 * {@code mvn verify} never runs them; it only checks, in {@code JmhFixturesTest}, that the route
 * and snapshot fixtures do what the figures claim.
 */
package dev.trellis.bench.jmh;
