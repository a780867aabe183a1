package dev.trellis.config.route;

import java.util.Optional;

/**
 * A gRPC method condition; at least one of service and method is set.
 *
 * @param type    {@link StringMatchType#EXACT} when the document says none
 * @param service the fully qualified service, e.g. {@code shop.Catalog}; empty for any
 * @param method  the method, e.g. {@code GetItem}; empty for any
 */
public record GrpcMethodMatch(StringMatchType type, Optional<String> service,
    Optional<String> method) {}
