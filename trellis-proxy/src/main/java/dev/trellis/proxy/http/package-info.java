/**
 * HTTP as the proxy carries it, whatever the version on either side: every hop speaks Netty's
 * {@code HttpObject}s (HTTP/2 streams through {@code Http2StreamFrameToHttpObjectCodec}), one
 * {@link dev.trellis.proxy.http.HttpExchange} per request streams the body both ways with
 * backpressure, and a chain of {@link dev.trellis.proxy.http.HttpService} stages decides where it
 * goes or answers with a {@link dev.trellis.proxy.http.ProxyError}.
 *
 * <p>Threading: an exchange and every channel it touches live on one event loop.
 */
package dev.trellis.proxy.http;
