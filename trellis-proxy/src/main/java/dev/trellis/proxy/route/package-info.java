/**
 * Gateway API {@code HTTPRoute} and {@code GRPCRoute} routing on the outbound path: per-snapshot
 * immutable route tables ({@link dev.trellis.proxy.route.RouteTable}), built by
 * {@link dev.trellis.proxy.route.RouteTables}, and the stage that applies them to each request
 * ({@link dev.trellis.proxy.route.RouteStage}).
 */
package dev.trellis.proxy.route;
