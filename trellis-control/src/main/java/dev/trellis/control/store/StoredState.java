package dev.trellis.control.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.control.registry.Instance;
import java.util.List;

/**
 * The shape of {@code state.json}: the version, every resource document with the file it came
 * from and the version that last changed it, and the registered instances (leases are not
 * stored; they restart from the moment the control plane starts).
 */
record StoredState(long version, List<StoredResource> resources, List<Instance> instances) {

  record StoredResource(String source, long resourceVersion, ObjectNode document) {}
}
