package dev.trellis.proxy.http;

import dev.trellis.proxy.mesh.ServiceKey;

/**
 * Where a listener sends everything it accepts, regardless of the request's host: an upstream
 * port ({@code --upstream catalog:9001}) fixes the service and, optionally, its port.
 *
 * @param service the upstream service
 * @param port the service port, or 0 for the service's first suitable port
 */
public record RouteTarget(ServiceKey service, int port) {}
