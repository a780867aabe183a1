package dev.trellis.api.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.json.ApiJson;
import dev.trellis.api.watch.Ack;
import dev.trellis.api.watch.Nack;
import dev.trellis.api.watch.Snapshot;
import dev.trellis.api.watch.Subscription;
import dev.trellis.api.watch.WatchMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running snapshot watch that survives the control plane going away.
 *
 * <p>Each connection subscribes first (with the latest {@link #subscribe} value), then answers
 * every snapshot with the ack or nack its {@link WatchListener} decides. When the connection
 * closes or fails, or cannot be opened, or stays silent past {@link WatchSettings#silenceLimit()},
 * the next attempt waits {@link Backoff#delay} (the attempt count resets once a snapshot arrives). Thread-safe; {@link #close()} stops it for good.
 */
public final class SnapshotWatch implements AutoCloseable {
  private final ObjectMapper json = ApiJson.mapper();
  private final HttpClient http;
  private final URI uri;
  private final String token;
  private final WatchListener listener;
  private final WatchSettings settings;
  private final ScheduledExecutorService timer;
  private volatile Subscription subscription;
  private volatile boolean closed;
  private volatile Connection current;
  private int failedAttempts; // timer thread only

  private SnapshotWatch(HttpClient http, URI uri, String token, Subscription subscription,
      WatchListener listener, WatchSettings settings) {
    this.http = http;
    this.uri = uri;
    this.token = token;
    this.subscription = subscription;
    this.listener = listener;
    this.settings = settings;
    this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
        .name("trellis-watch-" + subscription.node()).factory());
  }

  static SnapshotWatch start(HttpClient http, URI uri, String token, Subscription subscription,
      WatchListener listener, WatchSettings settings) {
    SnapshotWatch watch = new SnapshotWatch(http, uri, token, subscription, listener, settings);
    watch.timer.execute(watch::connect);
    long check = Math.max(1, settings.silenceLimit().toMillis() / 3);
    watch.timer.scheduleWithFixedDelay(watch::dropIfSilent, check, check, TimeUnit.MILLISECONDS);
    return watch;
  }

  /** Replaces the connection when nothing came over it for the silence limit (a half-open TCP). */
  private void dropIfSilent() {
    Connection connection = current;
    if (connection != null && !connection.ended.get()
        && System.nanoTime() - connection.lastHeard > settings.silenceLimit().toNanos()) {
      connection.end(new IOException("nothing from the control plane for "
          + settings.silenceLimit().toMillis() + "ms"));
    }
  }

  /** Changes what is watched; sent at once when connected, and on every reconnect. */
  public void subscribe(Subscription next) {
    this.subscription = next;
    Connection connection = current;
    if (connection != null) {
      connection.send(next);
    }
  }

  /** True while a connection is open and subscribed. */
  public boolean connected() {
    Connection connection = current;
    return connection != null && !connection.ended.get();
  }

  private void connect() {
    if (closed) {
      return;
    }
    Connection connection = new Connection();
    http.newWebSocketBuilder()
        .header("Authorization", "Bearer " + token)
        .connectTimeout(Duration.ofSeconds(10))
        .buildAsync(uri, connection)
        .whenComplete((socket, error) -> {
          if (error != null) {
            connection.end(error);
          }
        });
  }

  private void reconnectLater() {
    if (closed) {
      return;
    }
    onTimer(() -> {
      Duration delay = settings.backoff().delay(failedAttempts++);
      timer.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    });
  }

  /** Runs {@code task} on the timer thread; does nothing once the watch is closed. */
  private void onTimer(Runnable task) {
    try {
      timer.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
      // close() shut the timer down; nothing more is to be done.
    }
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    Connection connection = current;
    if (connection != null) {
      connection.closeNormally();
    }
  }

  /** One WebSocket connection; callbacks for it arrive one at a time (java.net.http's contract). */
  private final class Connection implements WebSocket.Listener {
    private final AtomicBoolean ended = new AtomicBoolean();
    private final StringBuilder partial = new StringBuilder();
    private volatile long lastHeard = System.nanoTime();
    private WebSocket socket;
    // Sends are chained: java.net.http refuses a send while the previous one is outstanding.
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    @Override
    public void onOpen(WebSocket webSocket) {
      synchronized (this) {
        socket = webSocket;
      }
      if (closed) {
        closeNormally();
        return;
      }
      current = this;
      send(subscription);
      listener.onConnected();
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      lastHeard = System.nanoTime();
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        handle(text);
      }
      webSocket.request(1);
      return null;
    }

    private void handle(String text) {
      WatchMessage message;
      try {
        message = json.readValue(text, WatchMessage.class);
      } catch (IOException e) {
        // A frame we cannot read is a protocol error; reconnecting starts over cleanly.
        socket.abort();
        end(e);
        return;
      }
      if (message instanceof Snapshot snapshot) {
        onTimer(() -> failedAttempts = 0);
        SnapshotDecision decision;
        try {
          decision = listener.onSnapshot(snapshot);
        } catch (RuntimeException e) {
          decision = SnapshotDecision.nack(String.valueOf(e.getMessage()));
        }
        send(decision.accepted()
            ? new Ack(snapshot.version())
            : new Nack(snapshot.version(), decision.error()));
      }
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
      lastHeard = System.nanoTime();
      webSocket.request(1);
      return null; // java.net.http answers with the pong by itself
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      end(new IOException("watch closed by the control plane: " + statusCode + " " + reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      end(error);
    }

    synchronized void send(WatchMessage message) {
      if (socket == null || ended.get()) {
        return;
      }
      String text;
      try {
        text = json.writeValueAsString(message);
      } catch (IOException e) {
        throw new IllegalStateException("cannot encode " + message, e);
      }
      WebSocket target = socket;
      sending = sending.handle((ignored, error) -> null)
          .thenCompose(ignored -> target.sendText(text, true));
    }

    synchronized void closeNormally() {
      if (socket != null && ended.compareAndSet(false, true)) {
        WebSocket target = socket;
        sending.handle((ignored, error) -> null)
            .thenCompose(ignored -> target.sendClose(WebSocket.NORMAL_CLOSURE, "closing"))
            .orTimeout(2, TimeUnit.SECONDS)
            .whenComplete((ignored, error) -> target.abort());
      }
    }

    void end(Throwable cause) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      if (socket != null) {
        socket.abort();
      }
      if (!closed) {
        listener.onDisconnected(cause);
        reconnectLater();
      }
    }
  }
}
