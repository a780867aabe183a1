package dev.trellis.proxy;

import dev.trellis.proxy.http.HttpService;
import dev.trellis.proxy.mesh.MeshView;

/**
 * What the proxy runs at one moment: the mesh view and the request chains built over it.
 * Immutable; replaced as a whole when a snapshot arrives, read by the hot path without locks.
 */
record ProxyState(MeshView view, HttpService outbound, HttpService inbound) {}
