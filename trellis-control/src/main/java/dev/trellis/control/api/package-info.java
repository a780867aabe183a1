/**
 * The admin API on Netty: HTTP/1.1 routes for the store and registry, the bearer token check,
 * and the WebSocket upgrade for the snapshot watch.
 */
package dev.trellis.control.api;
