package dev.trellis.config.service;

/**
 * One port of a service.
 *
 * @param name        a DNS label, unique within the service
 * @param port        1..65535, unique within the service
 * @param appProtocol what the port speaks; {@link AppProtocol#HTTP} when the document says none
 */
public record ServicePort(String name, int port, AppProtocol appProtocol) {}
