package dev.trellis.proxy.mesh;

import java.util.Objects;

/** A service's identity in the mesh: namespace and name. Prints as {@code namespace/name}. */
public record ServiceKey(String namespace, String name) {
  public ServiceKey {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  /** A key in the {@code default} namespace. */
  public static ServiceKey of(String name) {
    return new ServiceKey("default", name);
  }

  /** The name errors show: {@code catalog} in the default namespace, {@code catalog.shop} elsewhere. */
  public String displayName() {
    return namespace.equals("default") ? name : name + "." + namespace;
  }

  /** The host name form, {@code catalog.shop}, used for authorities between sidecars. */
  public String hostName() {
    return name + "." + namespace;
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
