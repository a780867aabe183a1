/**
 * Graceful leaving: {@link dev.trellis.proxy.drain.Drain} counts the exchanges in flight and,
 * once draining, asks callers to take their next requests elsewhere.
 */
package dev.trellis.proxy.drain;
