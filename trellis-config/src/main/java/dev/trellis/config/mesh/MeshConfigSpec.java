package dev.trellis.config.mesh;

import dev.trellis.config.ResourceSpec;
import dev.trellis.config.authz.AuthorizationAction;
import java.time.Duration;

/**
 * The spec of the mesh's one {@code MeshConfig} (named {@code default}, no namespace).
 *
 * @param trustDomain          the SPIFFE trust domain of workload identities; default
 *                             {@code trellis.local}
 * @param mtls                 mutual TLS settings
 * @param defaultAuthorization what happens to a call no authorization policy applies to;
 *                             default ALLOW
 * @param certificates         workload certificate settings
 */
public record MeshConfigSpec(String trustDomain, Mtls mtls,
    AuthorizationAction defaultAuthorization, Certificates certificates) implements ResourceSpec {

  /** What the mesh runs with when no {@code MeshConfig} was applied. */
  public static final MeshConfigSpec DEFAULT = new MeshConfigSpec("trellis.local",
      Mtls.DEFAULT, AuthorizationAction.ALLOW, Certificates.DEFAULT);

  /** @param mode default PERMISSIVE */
  public record Mtls(MtlsMode mode) {
    public static final Mtls DEFAULT = new Mtls(MtlsMode.PERMISSIVE);
  }

  /**
   * @param workloadTtl lifetime of workload certificates, at least 10m; default 24h (proxies
   *                    renew at about half of it)
   */
  public record Certificates(Duration workloadTtl) {
    public static final Certificates DEFAULT = new Certificates(Duration.ofHours(24));
  }
}
