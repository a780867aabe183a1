package dev.trellis.api.registry;

/** The answer to a registration: the instance's id and the lease it must renew within. */
public record Registered(String id, int leaseSeconds) {}
