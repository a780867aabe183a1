package dev.trellis.config.service;

import dev.trellis.config.internal.FieldReader;
import dev.trellis.config.internal.Format;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Binds a {@code Service} document's {@code spec} to a {@link ServiceSpec}. Stateless. */
public final class ServiceSpecReader {
  private ServiceSpecReader() {}

  public static ServiceSpec read(FieldReader spec) {
    List<ServicePort> ports = new ArrayList<>();
    Map<String, Integer> namesSeenAt = new HashMap<>();
    Map<Integer, Integer> numbersSeenAt = new HashMap<>();
    List<FieldReader> items = spec.objectList("ports", 1, 64);
    for (int i = 0; i < items.size(); i++) {
      FieldReader item = items.get(i);
      String name = item.requiredString("name", Format.DNS_LABEL);
      int number = item.requiredInt("port", 1, 65535).orElse(0);
      AppProtocol protocol = item.optionalChoice("appProtocol", AppProtocol.HTTP,
          AppProtocol.values());
      item.finish();
      Integer earlier = namesSeenAt.putIfAbsent(name, i);
      if (!name.isEmpty() && earlier != null) {
        item.reject("name", name, "a name no other port has (ports[" + earlier + "] has it)");
      }
      earlier = numbersSeenAt.putIfAbsent(number, i);
      if (number != 0 && earlier != null) {
        item.reject("port", Integer.toString(number),
            "a port no other port entry has (ports[" + earlier + "] has it)");
      }
      ports.add(new ServicePort(name, number, protocol));
    }
    spec.finish();
    return new ServiceSpec(ports);
  }
}
