package dev.trellis.control.health;

/**
 * The outcome of one probe of one endpoint.
 *
 * @param detail what happened, in words an operator reads in {@code trellis status}, e.g.
 *               {@code GET /healthz: 503} or {@code TCP connect: Connection refused}
 */
public record ProbeResult(boolean success, String detail) {}
