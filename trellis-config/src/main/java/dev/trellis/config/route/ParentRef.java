package dev.trellis.config.route;

import java.util.Optional;

/**
 * The service a route attaches to (GAMMA): calls to that service use the route.
 *
 * @param group       the group as written: "" (core), {@code core} or {@code trellis.dev}
 * @param kind        always {@code Service}
 * @param namespace   the service's namespace; the route's when the document says none
 * @param name        the service's name
 * @param sectionName the service port name the route is limited to, or empty for all ports
 * @param port        the service port number the route is limited to, or empty for all ports
 */
public record ParentRef(String group, String kind, String namespace, String name,
    Optional<String> sectionName, Optional<Integer> port) {}
