/** A bounded, open-loop load generator for web with periodic and final latency/error summaries. */
package dev.trellis.examples.bookstore.loadgen;
