/** Transport security between sidecars: one seam, plaintext today, mutual TLS next. */
package dev.trellis.proxy.security;
