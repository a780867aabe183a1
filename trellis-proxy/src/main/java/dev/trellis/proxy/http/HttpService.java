package dev.trellis.proxy.http;

/**
 * One step of the request path: takes an exchange and either answers it ({@link
 * HttpExchange#fail}), forwards it ({@link HttpExchange#forward}) or hands it to the next step.
 *
 * <p>Every stage of a chain implements this and wraps the next one; chains are assembled once per
 * mesh snapshot ({@code OutboundStack} and {@code InboundStack}, built by {@code SidecarProxy.apply}),
 * never per request.
 *
 * <p>Threading: called on the exchange's event loop. Must not block; asynchronous work (connecting,
 * opening a stream) completes on the same event loop.
 */
@FunctionalInterface
public interface HttpService {
  void serve(HttpExchange exchange);
}
