/** The {@code MeshConfig} kind: mesh-wide trust domain, mTLS mode, default authorization. */
package dev.trellis.config.mesh;
