package dev.trellis.api.watch;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One text frame of the snapshot watch ({@code GET /v1/watch}), told apart by its {@code type}.
 *
 * <pre>
 *   proxy                      control plane
 *     | -- subscribe ------------> |
 *     | <----------- snapshot v7 - |
 *     | -- ack 7 ----------------> |
 *     | <----------- snapshot v9 - |   (something in the proxy's scope changed)
 *     | -- nack 9 "why" ---------> |   (the proxy keeps running v7)
 * </pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Subscription.class, name = "subscribe"),
    @JsonSubTypes.Type(value = Snapshot.class, name = "snapshot"),
    @JsonSubTypes.Type(value = Ack.class, name = "ack"),
    @JsonSubTypes.Type(value = Nack.class, name = "nack")
})
public sealed interface WatchMessage permits Subscription, Snapshot, Ack, Nack {}
