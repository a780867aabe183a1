/** How a service reaches its upstreams: a sidecar port, the sidecar as HTTP proxy, or a direct address. */
package dev.trellis.examples.bookstore.upstream;
