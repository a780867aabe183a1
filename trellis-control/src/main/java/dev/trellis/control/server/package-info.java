/**
 * {@code ControlPlane}: starts and stops everything in this module on one port; what
 * {@code trellis control} runs.
 */
package dev.trellis.control.server;
