package dev.trellis.config.service;

import dev.trellis.config.ResourceSpec;
import java.util.List;
import java.util.Optional;

/**
 * The spec of a {@code Service}: the ports its instances serve and what each speaks.
 *
 * @param ports 1..64 ports, in document order, names and numbers unique
 */
public record ServiceSpec(List<ServicePort> ports) implements ResourceSpec {

  public ServiceSpec {
    ports = List.copyOf(ports);
  }

  /** The port with this number, if the service has one. */
  public Optional<ServicePort> port(int number) {
    return ports.stream().filter(p -> p.port() == number).findFirst();
  }

  /** The port with this name, if the service has one. */
  public Optional<ServicePort> port(String name) {
    return ports.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
