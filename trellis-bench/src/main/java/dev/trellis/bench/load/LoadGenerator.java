package dev.trellis.bench.load;

import dev.trellis.bench.net.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * An open-loop HTTP/1.1 load generator: sends at a fixed rate over a fixed set of keep-alive
 * connections and measures each request's latency from the time it was meant to be sent.
 *
 * <p>All the work of a run happens on one event loop thread, so the generator's cost is one
 * core at most and the same for every target. {@link #run} blocks the calling thread until the
 * run ends; runs happen one after another. Not for use from several threads at once.
 *
 * <pre>{@code
 * try (LoadGenerator generator = new LoadGenerator(Transport.best(), System::nanoTime)) {
 *   LoadResult result = generator.run(settings, WindowListener.NONE);
 * }
 * }</pre>
 */
public final class LoadGenerator implements AutoCloseable {

  /** How long after connecting the first request is sent, so the schedule does not start late. */
  private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final Transport transport;
  private final LongSupplier nanoClock;
  private final EventLoopGroup group;
  private final EventLoop loop;

  /**
   * @param transport which Netty transport to use
   * @param nanoClock the clock latencies are measured on, {@code System::nanoTime} normally; it
   *                  must agree with the event loop's timer, which decides when requests leave
   */
  public LoadGenerator(Transport transport, LongSupplier nanoClock) {
    this.transport = transport;
    this.nanoClock = nanoClock;
    this.group = transport.newGroup(1);
    this.loop = group.next();
  }

  /**
   * Runs {@code settings} once and returns what its measured window saw.
   *
   * @throws IOException          if a connection cannot be opened
   * @throws InterruptedException if interrupted while waiting
   */
  public LoadResult run(LoadSettings settings, WindowListener listener)
      throws IOException, InterruptedException {
    Promise<LoadResult> done = loop.newPromise();
    OpenLoopRun run = new OpenLoopRun(settings, loop, nanoClock, listener, done);
    ByteBuf request = encodedRequest(settings);
    LoadConnection[] connections = new LoadConnection[settings.connections()];
    Bootstrap bootstrap = new Bootstrap()
        .group(loop)
        .channel(transport.socketChannel())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000);
    for (int i = 0; i < connections.length; i++) {
      connections[i] = new LoadConnection(run, request);
      try {
        connect(bootstrap, settings, connections[i], i);
      } catch (IOException e) {
        for (int j = 0; j < i; j++) {
          connections[j].close();
        }
        throw e;
      }
    }
    loop.execute(() -> run.start(run.now() + START_DELAY_NANOS, connections));
    try {
      return done.get();
    } catch (ExecutionException e) {
      throw new IOException("the run failed", e.getCause());
    }
  }

  private static void connect(Bootstrap bootstrap, LoadSettings settings, LoadConnection connection,
      int index) throws IOException, InterruptedException {
    var future = bootstrap.clone()
        .handler(new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new HttpResponseDecoder(), connection);
          }
        })
        .connect(settings.host(), settings.port())
        .await();
    if (!future.isSuccess()) {
      throw new IOException("connection " + index + " to " + settings.host() + ":" + settings.port()
          + " failed: " + future.cause().getMessage(), future.cause());
    }
  }

  private static ByteBuf encodedRequest(LoadSettings settings) {
    String text = "GET " + settings.path() + " HTTP/1.1\r\n"
        + "host: " + settings.host() + ":" + settings.port() + "\r\n"
        + "user-agent: trellis-bench\r\n"
        + "\r\n";
    return Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(text.getBytes(StandardCharsets.US_ASCII)));
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
