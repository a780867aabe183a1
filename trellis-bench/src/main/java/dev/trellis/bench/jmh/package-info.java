/**
 * JMH microbenchmarks of the proxy's hot paths, run by {@code bench/run jmh}
 * ({@code org.openjdk.jmh.Main} with {@code -prof gc}). Never run by {@code mvn verify}.
 */
package dev.trellis.bench.jmh;
