/** The {@code Service} kind: a service's ports and the protocol each speaks. */
package dev.trellis.config.service;
