package dev.trellis.config.mesh;

import dev.trellis.config.authz.AuthorizationAction;
import dev.trellis.config.internal.FieldReader;
import dev.trellis.config.internal.Format;
import java.time.Duration;

/** Binds a {@code MeshConfig} document's {@code spec} to a {@link MeshConfigSpec}. Stateless. */
public final class MeshConfigSpecReader {
  private static final Format TRUST_DOMAIN = new Format(
      "a DNS name such as trellis.local (lower-case letters, digits, '-' and '.')",
      Format.DNS_SUBDOMAIN.accepts());
  private static final Duration SHORTEST_TTL = Duration.ofMinutes(10);

  private MeshConfigSpecReader() {}

  public static MeshConfigSpec read(FieldReader spec) {
    MeshConfigSpec d = MeshConfigSpec.DEFAULT;
    String trustDomain = spec.optionalString("trustDomain", TRUST_DOMAIN, d.trustDomain());
    MeshConfigSpec.Mtls mtls = spec.optionalObject("mtls").map(section -> {
      MtlsMode mode = section.optionalChoice("mode", d.mtls().mode(), MtlsMode.values());
      section.finish();
      return new MeshConfigSpec.Mtls(mode);
    }).orElse(d.mtls());
    AuthorizationAction defaultAuthorization = spec.optionalChoice("defaultAuthorization",
        d.defaultAuthorization(), AuthorizationAction.values());
    MeshConfigSpec.Certificates certificates = spec.optionalObject("certificates").map(section -> {
      Duration ttl = section.optionalDuration("workloadTTL", SHORTEST_TTL,
          d.certificates().workloadTtl());
      section.finish();
      return new MeshConfigSpec.Certificates(ttl);
    }).orElse(d.certificates());
    spec.finish();
    return new MeshConfigSpec(trustDomain, mtls, defaultAuthorization, certificates);
  }
}
