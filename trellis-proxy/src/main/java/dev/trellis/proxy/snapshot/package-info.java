/**
 * The boundary between the control plane's wire format and the proxy: snapshot JSON in,
 * validated {@link dev.trellis.proxy.snapshot.MeshSnapshot} out, or every error at once.
 */
package dev.trellis.proxy.snapshot;
