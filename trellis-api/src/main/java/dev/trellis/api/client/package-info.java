/**
 * {@code ControlClient}: the Java client of the control plane API, including the reconnecting
 * snapshot watch and the registration keeper that the sidecar proxy uses.
 */
package dev.trellis.api.client;
