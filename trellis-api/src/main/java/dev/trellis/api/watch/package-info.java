/** The snapshot watch's messages (subscribe, snapshot, ack, nack) and proxy status. */
package dev.trellis.api.watch;
