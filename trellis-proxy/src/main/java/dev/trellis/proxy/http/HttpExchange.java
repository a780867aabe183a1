package dev.trellis.proxy.http;

import dev.trellis.proxy.balance.Endpoint;
import dev.trellis.proxy.balance.PickRequest;
import dev.trellis.proxy.mesh.ServicePort;
import dev.trellis.proxy.mesh.ServiceView;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One request and its response passing through the proxy, streamed: the request head is known at
 * once, body parts flow from the downstream channel to the upstream one as they arrive, and the
 * response flows back the same way. Nothing is aggregated.
 *
 * <p>Backpressure: both channels run with auto-read off. The downstream is read again only while
 * the upstream is writable (for an HTTP/2 stream: while its flow-control window is open), and the
 * upstream only while the downstream is writable. At most one read's worth of request body waits
 * here while the upstream is being opened.
 *
 * <p>Threading: confined to the downstream channel's event loop; the upstream channel must be
 * registered on the same loop. Not thread-safe, never blocks.
 */
public final class HttpExchange {
  private static final AttributeKey<Boolean> GOAWAY_SENT = AttributeKey.valueOf("trellis-goaway-sent");

  private final Channel downstream;
  private final HttpRequest request;
  private final ExchangeOwner owner;
  private final boolean http1Downstream;
  private final RouteTarget preset;
  private final long startNanos;
  // Room for the usual listeners (drain, metrics, balancer, a timeout) without growing per request.
  private final List<Consumer<HttpExchange>> finishListeners = new ArrayList<>(4);
  // The collections below are made when first needed: most exchanges never use them.
  private ArrayDeque<HttpContent> pendingBody;
  private List<Runnable> attemptFailedListeners;
  private List<Consumer<HttpResponse>> responseHeadListeners;
  private ConnectFailureHandler connectFailureHandler;
  private BooleanSupplier closeConnection = () -> false;

  private String target = "";
  private ServiceView service;
  private ServicePort servicePort;
  private Endpoint endpoint;
  private List<Endpoint> tried;
  private Channel upstream;
  private UpstreamRelayHandler relay;
  private UpstreamLease lease;
  private boolean requestComplete;
  private boolean requestReleased;
  /** Some request body bytes went upstream: the request can no longer be sent again. */
  private boolean bodyBytesSent;
  /** The request went upstream at least once (a refused stream may make it go again). */
  private boolean requestWritten;
  private boolean responseStarted;
  private boolean upstreamKeepAlive = true;
  private boolean closeAfterResponse;
  private boolean responseComplete;
  private boolean finished;
  private boolean failed;
  private int responseStatus;
  private int grpcStatus = GrpcStatus.NONE;
  private ProxyError proxyError;
  private String routeName;

  HttpExchange(
      Channel downstream,
      HttpRequest request,
      ExchangeOwner owner,
      boolean http1Downstream,
      RouteTarget preset,
      long startNanos) {
    this.downstream = downstream;
    this.request = request;
    this.owner = owner;
    this.http1Downstream = http1Downstream;
    this.preset = preset;
    this.startNanos = startNanos;
    this.requestComplete = request instanceof LastHttpContent;
  }

  /** The request head; stages may change its headers and URI until the exchange is forwarded. */
  public HttpRequest request() {
    return request;
  }

  /** The event loop everything of this exchange runs on. */
  public EventLoop eventLoop() {
    return downstream.eventLoop();
  }

  /** The target fixed by the listener (an upstream port), or null when the request names it. */
  public RouteTarget preset() {
    return preset;
  }

  /** When the request head arrived, in the proxy's nano clock. */
  public long startNanos() {
    return startNanos;
  }

  /** True when the request asks to switch protocols (WebSocket and other HTTP/1.1 upgrades). */
  public boolean isUpgrade() {
    String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
    // An h2c upgrade offer is the client's business with its next hop (us), not the app's: the
    // request is served as plain HTTP/1.1 and the offer dropped on the way.
    return http1Downstream
        && upgrade != null
        && !upgrade.regionMatches(true, 0, "h2c", 0, 3)
        && request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
  }

  /**
   * True when the exchange ended badly: a proxy error, a reset, a 5xx answer, or a gRPC status
   * saying the server failed (see {@link GrpcStatus#isServerFailure}).
   */
  public boolean failed() {
    return failed || responseStatus >= 500 || GrpcStatus.isServerFailure(grpcStatus);
  }

  /** The {@code grpc-status} of the response, or {@link GrpcStatus#NONE}. */
  public int grpcStatus() {
    return grpcStatus;
  }

  /** True once the response (or the proxy's own answer) started going downstream. */
  public boolean responseStarted() {
    return responseStarted;
  }

  /** Where the request goes, as set by {@link #target(String)}; empty before. */
  public String target() {
    return target;
  }

  /** The response status sent downstream so far, 0 before the response started. */
  public int responseStatus() {
    return responseStatus;
  }

  /** Records the service and port the request goes to; set by the routing stage. */
  public void route(ServiceView service, ServicePort port) {
    this.service = service;
    this.servicePort = port;
  }

  /** The service the request goes to, or null before routing (or when the view lacks it). */
  public ServiceView service() {
    return service;
  }

  /** The service port the request goes to, or null before routing. */
  public ServicePort servicePort() {
    return servicePort;
  }

  /** Records the route ({@code namespace/name}) that matched the request; set by the routing stage. */
  public void routeName(String route) {
    this.routeName = route;
  }

  /** The route that matched the request, or null when no route applied. */
  public String routeName() {
    return routeName;
  }

  /** The error the proxy itself answered (or cut the response) with, or null. */
  public ProxyError proxyError() {
    return proxyError;
  }

  /** Records the endpoint picked for the request; set by the balancing stage. */
  public void endpoint(Endpoint endpoint) {
    this.endpoint = endpoint;
    if (tried == null) {
      tried = new ArrayList<>(2);
    }
    tried.add(endpoint);
  }

  /** Every endpoint picked for this exchange so far, in order (a retry adds one). */
  public List<Endpoint> triedEndpoints() {
    return tried == null ? List.of() : tried;
  }

  /** The endpoint picked for the request, or null before balancing. */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** Names where the request goes ("catalog 127.0.0.1:41235"), for error messages. */
  public void target(String description) {
    this.target = description;
  }

  /** Runs {@code listener} once when the exchange is over, whatever the outcome. */
  public void onFinish(Consumer<HttpExchange> listener) {
    finishListeners.add(listener);
  }

  /**
   * Lets {@code listener} change the head of the upstream response before it goes downstream
   * (not the proxy's own answers).
   */
  public void onResponseHead(Consumer<HttpResponse> listener) {
    if (responseHeadListeners == null) {
      responseHeadListeners = new ArrayList<>(1);
    }
    responseHeadListeners.add(listener);
  }

  /** Runs {@code listener} if the current attempt fails to connect (before any retry). */
  public void onAttemptFailed(Runnable listener) {
    if (attemptFailedListeners == null) {
      attemptFailedListeners = new ArrayList<>(1);
    }
    attemptFailedListeners.add(listener);
  }

  /**
   * When {@code condition} holds as the response starts, the caller is asked to close its
   * connection: {@code Connection: close} on HTTP/1.1, a GOAWAY on HTTP/2 (once per connection).
   * Used while the proxy drains.
   */
  public void closeConnectionIf(BooleanSupplier condition) {
    this.closeConnection = condition;
  }

  /** Decides whether a failed connection attempt is retried; see {@link #connectFailed}. */
  public void onConnectFailure(ConnectFailureHandler handler) {
    this.connectFailureHandler = handler;
  }

  /**
   * No connection could be made for this exchange, so nothing of the request has left: the
   * attempt's listeners hear of it, then the {@link ConnectFailureHandler} may start another
   * attempt; otherwise the caller gets {@code error}.
   */
  public void connectFailed(ProxyError error) {
    if (finished) {
      return;
    }
    if (attemptFailedListeners != null) {
      for (Runnable listener : attemptFailedListeners) {
        listener.run();
      }
      attemptFailedListeners.clear();
    }
    if (connectFailureHandler != null && connectFailureHandler.retry(error)) {
      return;
    }
    fail(error);
  }

  /** What a balancer may look at: headers, cookies and the caller's address. */
  public PickRequest pickRequest() {
    return new ExchangePickRequest(request, downstream);
  }

  /** Answers with the proxy's own error response and ends the exchange. */
  public void fail(ProxyError error) {
    if (finished) {
      return;
    }
    failed = true;
    proxyError = error;
    if (upstream != null) {
      releaseUpstream(false);
    }
    if (responseStarted) {
      // Part of a response is already out: the only honest signal left is to cut the stream
      // (what was relayed so far goes first, so the caller sees exactly where it broke).
      downstream.flush();
      downstream.close();
      finish(false);
      return;
    }
    answer(ErrorResponses.of(error, request, downstream.alloc()));
  }

  /**
   * Answers with the proxy's own complete {@code response} (a redirect) instead of forwarding,
   * and ends the exchange. Call before {@link #forward}; ignored (and released) once finished.
   */
  public void respond(FullHttpResponse response) {
    if (finished || responseStarted) {
      ReferenceCountUtil.release(response);
      return;
    }
    answer(response);
  }

  private void answer(FullHttpResponse response) {
    askToCloseIfDraining(response);
    responseStarted = true;
    responseComplete = true;
    responseStatus = response.status().code();
    if (http1Downstream && (closeAfterResponse || !HttpUtil.isKeepAlive(request))) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    downstream.writeAndFlush(response);
    // An HTTP/1.1 connection stays usable: the bridge discards the rest of this request's body.
    // An HTTP/2 stream whose request is still open is reset after the answer.
    finish(requestComplete || http1Downstream);
  }

  /**
   * Sends the request to {@code channel}, which speaks {@link HttpObject}s for exactly this
   * exchange and lives on the same event loop, and relays its response back. {@code lease} gets
   * the channel back at the end.
   */
  public void forward(Channel channel, UpstreamLease lease) {
    if (finished) {
      lease.release(channel, false);
      return;
    }
    this.upstream = channel;
    this.lease = lease;
    this.relay = UpstreamRelayHandler.attach(channel, this);
    boolean again = requestWritten;
    requestWritten = true;
    // The exchange keeps its own reference to the head until it finishes, so that a stream the
    // upstream refused unprocessed can carry it again (see upstreamReset).
    // Writes on the relay path take the void promise: nobody waits on them, and a failed write
    // reaches the channel's handlers (which close it) instead of a promise nobody reads.
    channel.write(ReferenceCountUtil.retain(request), channel.voidPromise());
    noteBody(request);
    if (again && requestComplete && !(request instanceof LastHttpContent)) {
      // The original end went with the refused try.
      channel.write(LastHttpContent.EMPTY_LAST_CONTENT, channel.voidPromise());
    }
    for (HttpContent part; pendingBody != null && (part = pendingBody.poll()) != null; ) {
      noteBody(part);
      channel.write(part, channel.voidPromise());
    }
    channel.flush();
    if (!requestComplete && channel.isWritable()) {
      downstream.read();
    }
    channel.read();
  }

  /**
   * The request was an upgrade and {@code tunnel} is a raw byte channel to where it goes: sends
   * the request head through it as HTTP/1.1 bytes and turns the downstream connection into a byte
   * relay. The exchange counts as finished when the tunnel closes.
   */
  public void tunnel(Channel tunnel) {
    if (finished) {
      tunnel.close();
      return;
    }
    finished = true;
    requestReleased = true; // the tunnel takes the head
    // Innermost, so that whatever secures the tunnel (a TLS handler) still sees bytes.
    tunnel.pipeline().addLast("trellis-upgrade-encoder", new HttpRequestEncoder());
    tunnel.write(request);
    for (HttpContent part; pendingBody != null && (part = pendingBody.poll()) != null; ) {
      tunnel.write(part);
    }
    tunnel.flush();
    tunnel.pipeline().remove("trellis-upgrade-encoder");
    tunnel.closeFuture().addListener(f -> notifyFinished());
    owner.switchToTunnel(this, tunnel);
  }

  // ---- events from the downstream bridge ----

  boolean requestComplete() {
    return requestComplete;
  }

  void requestBody(HttpContent part) {
    if (part.decoderResult().isFailure()) {
      requestBodyBroken(part);
      return;
    }
    if (part instanceof LastHttpContent) {
      requestComplete = true;
    }
    if (finished) {
      ReferenceCountUtil.release(part);
    } else if (upstream == null) {
      if (pendingBody == null) {
        pendingBody = new ArrayDeque<>(4);
      }
      pendingBody.add(part);
    } else {
      noteBody(part);
      upstream.write(part, upstream.voidPromise());
    }
  }

  private void askToCloseIfDraining(HttpResponse response) {
    if (!closeConnection.getAsBoolean()) {
      return;
    }
    if (http1Downstream) {
      closeAfterResponse = true;
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      return;
    }
    Channel connection = downstream.parent();
    if (connection != null && connection.attr(GOAWAY_SENT).setIfAbsent(Boolean.TRUE) == null) {
      // Streams already open finish; the caller opens its next ones on a new connection.
      connection.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
    }
  }

  private void noteBody(Object part) {
    if (part instanceof HttpContent content
        && (content.content().isReadable()
            || (part instanceof LastHttpContent last && !last.trailingHeaders().isEmpty()))) {
      bodyBytesSent = true;
    }
  }

  /**
   * The request body's framing broke (a bad chunk size, the caller gone mid-chunk): the decoder
   * hands over a last part carrying the failure. Passing it on would tell the upstream the body
   * ended cleanly, so the upstream is cut instead, the caller gets a 400 if nothing was answered
   * yet, and its connection closes: the decoder cannot find the next request after a bad one.
   */
  private void requestBodyBroken(HttpContent part) {
    Throwable cause = part.decoderResult().cause();
    ReferenceCountUtil.release(part);
    requestComplete = true; // nothing more of this request will be read
    closeAfterResponse = true;
    fail(ProxyError.malformed("request body: " + describe(cause)));
  }

  void requestReadComplete() {
    if (upstream == null || finished) {
      return;
    }
    upstream.flush();
    if (requestComplete) {
      maybeFinish();
    } else if (upstream.isWritable()) {
      downstream.read();
    }
  }

  void downstreamWritabilityChanged() {
    if (upstream != null && !responseComplete && downstream.isWritable()) {
      upstream.read();
    }
  }

  void downstreamClosed() {
    if (finished) {
      return;
    }
    failed = true;
    if (upstream != null) {
      releaseUpstream(false);
    }
    finish(false);
  }

  // ---- events from the upstream relay handler ----

  void responsePart(HttpObject part) {
    if (finished) {
      ReferenceCountUtil.release(part);
      return;
    }
    if (part.decoderResult().isFailure()) {
      responseBroken(part);
      return;
    }
    if (part instanceof HttpResponse response) {
      responseStarted = true;
      responseStatus = response.status().code();
      upstreamKeepAlive = HttpUtil.isKeepAlive(response);
      grpcStatus = GrpcStatus.of(response.headers()); // a trailers-only answer
      if (responseHeadListeners != null) {
        for (Consumer<HttpResponse> listener : responseHeadListeners) {
          listener.accept(response);
        }
      }
      closeAfterResponse = Http1Headers.prepareResponse(response, request, http1Downstream);
      askToCloseIfDraining(response);
    }
    if (part instanceof LastHttpContent last) {
      responseComplete = true;
      int trailerStatus = GrpcStatus.of(last.trailingHeaders());
      if (trailerStatus != GrpcStatus.NONE) {
        grpcStatus = trailerStatus;
      }
    }
    downstream.write(part, downstream.voidPromise());
  }

  /**
   * The response's framing broke (a bad chunk, the upstream gone mid-body, a head that is not
   * HTTP): presenting what came as a whole response would be a lie, and the upstream connection's
   * decoder cannot find the next response, so the connection is closed, never pooled. The caller
   * gets a 502 when nothing was relayed yet, a cut connection otherwise.
   */
  private void responseBroken(HttpObject part) {
    Throwable cause = part.decoderResult().cause();
    ReferenceCountUtil.release(part);
    upstreamKeepAlive = false;
    closeAfterResponse = true;
    fail(ProxyError.malformedResponse(target, describe(cause)));
  }

  private static String describe(Throwable cause) {
    if (cause == null) {
      return "undecodable";
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  void responseReadComplete() {
    if (finished) {
      return;
    }
    downstream.flush();
    if (responseComplete) {
      maybeFinish();
    } else if (downstream.isWritable() && upstream != null) {
      upstream.read();
    }
  }

  void upstreamWritabilityChanged() {
    if (upstream != null && !requestComplete && upstream.isWritable()) {
      downstream.read();
    }
  }

  /**
   * The upstream HTTP/2 stream was reset with {@code code}, or the connection is going away and
   * never processed it ({@code unprocessed}: REFUSED_STREAM, or a GOAWAY below its id).
   *
   * <p>An unprocessed stream whose request is whole and bodiless takes the connect-failure path
   * when a retry stage is there to hear of it: nothing happened upstream, so the request may go
   * again. Otherwise the reset is passed
   * on: an HTTP/2 caller's stream is reset with the same code; an HTTP/1 caller, or a gRPC caller
   * awaiting its answer, gets a 502 (with {@code grpc-status} for gRPC) naming the code.
   */
  void upstreamReset(long code, boolean unprocessed) {
    if (finished || upstream == null) {
      return;
    }
    String reason = ProxyError.upstreamReset("upstream", target).reason() + " (" + codeName(code) + ")";
    ProxyError error = new ProxyError(io.netty.handler.codec.http.HttpResponseStatus.BAD_GATEWAY, reason);
    releaseUpstream(false);
    if (unprocessed && connectFailureHandler != null
        && !responseStarted && requestComplete && !bodyBytesSent) {
      connectFailed(error);
      return;
    }
    if (!http1Downstream && (responseStarted || !ErrorResponses.isGrpc(request))) {
      failed = true;
      downstream.writeAndFlush(new DefaultHttp2ResetFrame(code));
      finish(false);
      return;
    }
    fail(error);
  }

  private static String codeName(long code) {
    Http2Error known = Http2Error.valueOf(code);
    return known == null ? "error " + code : known.name();
  }

  void upstreamClosed() {
    if (finished || upstream == null) {
      return;
    }
    if (responseComplete) {
      // An HTTP/2 stream that ended with the response closes within the read that brought its
      // last frames, before that read completes: what was relayed is flushed here instead.
      downstream.flush();
      maybeFinish();
      return;
    }
    releaseUpstream(false);
    fail(ProxyError.upstreamReset("upstream", target));
  }

  private void maybeFinish() {
    if (finished || !responseComplete) {
      return;
    }
    if (!requestComplete) {
      // The response ended while the request was still coming (an early answer): stop the
      // request stream upstream and close the downstream once the response is out.
      releaseUpstream(false);
      downstream.flush();
      finish(false);
      return;
    }
    releaseUpstream(upstreamKeepAlive && upstream.isActive());
    finish(true);
  }

  /**
   * Hands the upstream channel back, its relay detached from this exchange: whatever the channel
   * does next (close, carry another exchange) is no longer this exchange's business, and must not
   * be taken for news of a channel the exchange went on to use (a retry after a refused stream).
   */
  private void releaseUpstream(boolean reusable) {
    Channel u = upstream;
    upstream = null;
    relay.detach();
    relay = null;
    lease.release(u, reusable);
  }

  private void finish(boolean keepConnection) {
    finished = true;
    if (!requestReleased) {
      // The head may hold a body (an HTTP/2 request arrives whole when it fits in one frame);
      // whether it went upstream or not, the exchange's own reference ends here.
      requestReleased = true;
      ReferenceCountUtil.release(request);
    }
    for (HttpContent part; pendingBody != null && (part = pendingBody.poll()) != null; ) {
      ReferenceCountUtil.release(part);
    }
    boolean keep =
        keepConnection && (!http1Downstream || (HttpUtil.isKeepAlive(request) && !closeAfterResponse));
    notifyFinished();
    owner.exchangeFinished(this, keep);
  }

  private void notifyFinished() {
    for (Consumer<HttpExchange> listener : finishListeners) {
      listener.accept(this);
    }
    finishListeners.clear();
  }

}
