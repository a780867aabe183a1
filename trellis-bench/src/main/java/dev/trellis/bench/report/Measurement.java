package dev.trellis.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One line of a results file: what one row (direct, trellis, haproxy, nginx) measured under one
 * workload, or why it was not run. Written by the load generator and the wrk wrapper, read by
 * the report; one JSON object per line.
 *
 * <p>Latency figures are in microseconds and only present for the {@code latency} and
 * {@code grpc-latency} workloads; bytes and MiB/s only for {@code tcp}; start-up times only for
 * {@code start}.
 * When {@code notRun} is set, every figure is absent.
 *
 * @param row        which topology: {@code direct}, {@code trellis}, {@code haproxy}, {@code nginx}
 * @param workload   {@code latency} (open loop at a fixed rate), {@code throughput} (wrk),
 *                   {@code tcp}, {@code grpc-latency} (open-loop gRPC unary), {@code grpc-throughput}
 *                   (h2load), {@code start} (proxy start-up), or another the harness names
 * @param targetRps  the offered rate of a latency run
 * @param rps        completed requests per second
 * @param requests   completed requests counted
 * @param errors     failed requests (non-2xx, lost, unanswered)
 * @param p50Us      median latency from intended send time
 * @param p99Us      99th percentile
 * @param p999Us     99.9th percentile
 * @param maxUs      the largest
 * @param bytes      bytes received within the window, for the {@code tcp} workload
 * @param mibPerSecond TCP stream throughput in MiB/s
 * @param processes  what each proxy process used; empty for {@code direct}
 * @param start      start-up times, for the {@code start} workload only
 * @param notRun     why the row was not run; null when it was
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Measurement(String row, String workload, Integer targetRps, Double rps, Long requests,
    Long errors, Double p50Us, Double p99Us, Double p999Us, Double maxUs, Long bytes, Double mibPerSecond,
    List<ProcessUse> processes, StartTimes start, String notRun) {

  public Measurement {
    processes = processes == null ? List.of() : List.copyOf(processes);
  }

  /** A measurement of requests or bytes, without start-up times. */
  public Measurement(String row, String workload, Integer targetRps, Double rps, Long requests,
      Long errors, Double p50Us, Double p99Us, Double p999Us, Double maxUs, Long bytes, Double mibPerSecond,
      List<ProcessUse> processes, String notRun) {
    this(row, workload, targetRps, rps, requests, errors, p50Us, p99Us, p999Us, maxUs, bytes, mibPerSecond,
        processes, null, notRun);
  }

  /** The start-up times of one row's proxy, over several starts. */
  public static Measurement startTimes(String row, StartTimes start) {
    return new Measurement(row, "start", null, null, null, null, null, null, null, null, null, null,
        List.of(), start, null);
  }

  /** A row that did not run, and why. */
  public static Measurement notRun(String row, String workload, String reason) {
    return new Measurement(row, workload, null, null, null, null, null, null, null, null, null, null,
        List.of(), reason);
  }

  /** Whether this is a figure rather than a reason. */
  public boolean ran() {
    return notRun == null;
  }

  /** CPU seconds per GiB received, summed over the processes; null when unknown or not a stream. */
  public Double cpuSecondsPerGib() {
    if (processes.isEmpty() || bytes == null || bytes == 0) {
      return null;
    }
    double total = processes.stream().mapToDouble(ProcessUse::cpuSeconds).sum();
    return total / (bytes / (1024.0 * 1024.0 * 1024.0));
  }

  /** CPU seconds per 1000 completed requests, summed over the processes; null when unknown. */
  public Double cpuSecondsPer1k() {
    if (processes.isEmpty() || requests == null || requests == 0) {
      return null;
    }
    double total = processes.stream().mapToDouble(ProcessUse::cpuSeconds).sum();
    return total / (requests / 1000.0);
  }
}
