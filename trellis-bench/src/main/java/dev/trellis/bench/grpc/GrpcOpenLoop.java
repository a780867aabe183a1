package dev.trellis.bench.grpc;

import dev.trellis.bench.load.LoadResult;
import dev.trellis.bench.load.OpenLoopSchedule;
import dev.trellis.bench.load.WindowListener;
import io.grpc.CallOptions;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Open-loop gRPC unary load: calls {@link BenchMethod#UNARY} on a fixed schedule over a few
 * HTTP/2 connections and measures each call from its intended send time to its trailers.
 *
 * <p>As with the HTTP generator ({@code dev.trellis.bench.load}), call {@code i} is due at
 * {@code start + i / rate} whatever happened before it, so a stall counts against every call
 * that should have been sent during it (no coordinated omission). Each connection is one
 * grpc-java channel; calls go round robin and HTTP/2 multiplexes them, so a slow answer does
 * not hold the next call back. A call counts as completed only when its trailers say
 * {@code grpc-status: 0} and its one message has the expected size; any other end, and a call
 * still unanswered when the drain runs out, counts as an error.
 *
 * <p>Threading: {@link #run} sends from the calling thread; answers arrive on grpc-java's
 * transport threads and are recorded under one lock, which at the rates used (thousands per
 * second) costs nothing worth measuring. One run at a time.
 */
public final class GrpcOpenLoop implements AutoCloseable {

  private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final List<ManagedChannel> channels = new ArrayList<>();
  private final int expectedBytes;
  private final byte[] request;

  /**
   * Opens {@code connections} plaintext HTTP/2 connections to {@code host:port} and waits until
   * each is ready.
   *
   * @param expectedBytes the message size every answer must have
   * @throws IOException when a connection is not ready within 10 seconds, naming the address
   */
  public GrpcOpenLoop(String host, int port, int connections, int expectedBytes) throws IOException {
    this.expectedBytes = expectedBytes;
    this.request = new byte[0];
    for (int i = 0; i < connections; i++) {
      channels.add(NettyChannelBuilder.forAddress(host, port).usePlaintext().directExecutor().build());
    }
    for (ManagedChannel channel : channels) {
      awaitReady(channel, host + ":" + port);
    }
  }

  /**
   * One run: {@code warmup} of calls that are sent but not recorded, then the measured window.
   *
   * @param listener told when the window opens and closes, on the sending thread
   */
  public LoadResult run(int ratePerSecond, Duration warmup, Duration measure, Duration drain,
      WindowListener listener) throws InterruptedException {
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
    OpenLoopSchedule schedule = OpenLoopSchedule.of(start, ratePerSecond, warmup.toNanos() + measure.toNanos());
    long windowStart = start + warmup.toNanos();
    Tally tally = new Tally();
    boolean opened = false;
    for (long i = 0; i < schedule.count(); i++) {
      long intended = schedule.intendedNanos(i);
      sleepUntil(intended);
      boolean counted = intended >= windowStart;
      if (counted && !opened) {
        listener.windowOpened();
        opened = true;
      }
      send(channels.get((int) (i % channels.size())), intended, counted, tally);
    }
    sleepUntil(schedule.endNanos());
    if (!opened) {
      listener.windowOpened();
    }
    listener.windowClosed();
    long giveUpAt = System.nanoTime() + drain.toNanos();
    while (tally.outstanding() > 0 && System.nanoTime() < giveUpAt) {
      Thread.sleep(5);
    }
    return tally.close(ratePerSecond, schedule.endNanos() - windowStart);
  }

  private void send(ManagedChannel channel, long intended, boolean counted, Tally tally) {
    if (counted) {
      tally.sent();
    }
    ClientCalls.asyncUnaryCall(channel.newCall(BenchMethod.UNARY, CallOptions.DEFAULT), request,
        new StreamObserver<>() {
          private boolean sizeOk;

          @Override
          public void onNext(byte[] answer) {
            sizeOk = answer.length == expectedBytes;
          }

          @Override
          public void onError(Throwable t) {
            if (counted) {
              tally.failed();
            }
          }

          @Override
          public void onCompleted() {
            if (!counted) {
              return;
            }
            if (sizeOk) {
              tally.completed(System.nanoTime() - intended);
            } else {
              tally.failed();
            }
          }
        });
  }

  private static void sleepUntil(long nanos) {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }

  private static void awaitReady(ManagedChannel channel, String address) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    ConnectivityState state;
    while ((state = channel.getState(true)) != ConnectivityState.READY) {
      if (System.nanoTime() > deadline) {
        throw new IOException("no gRPC connection to " + address + " within 10 s (state " + state + ")");
      }
      try {
        // A cheap call also checks the method answers before anything is measured.
        ClientCalls.blockingUnaryCall(channel, BenchMethod.UNARY,
            CallOptions.DEFAULT.withDeadlineAfter(2, TimeUnit.SECONDS), new byte[0]);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
          throw new IOException("gRPC call to " + address + " failed: " + e.getStatus(), e);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow();
    }
    for (ManagedChannel channel : channels) {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** The counts of one run's measured calls. Guarded by its own monitor. */
  private static final class Tally {
    private final Histogram latency = new Histogram(HIGHEST_NANOS, 3);
    private long sent;
    private long completed;
    private long errors;
    private boolean closed;

    synchronized void sent() {
      sent++;
    }

    synchronized void completed(long nanos) {
      if (!closed) {
        latency.recordValue(Math.min(nanos, HIGHEST_NANOS));
        completed++;
      }
    }

    synchronized void failed() {
      if (!closed) {
        errors++;
      }
    }

    synchronized long outstanding() {
      return sent - completed - errors;
    }

    /** Ends the run: what is still unanswered counts as failed, and late answers are ignored. */
    synchronized LoadResult close(int rate, long windowNanos) {
      closed = true;
      return new LoadResult(rate, windowNanos, completed, sent - completed, latency.copy());
    }
  }
}
