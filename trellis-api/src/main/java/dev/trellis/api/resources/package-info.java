/** The answers of apply, delete and list. */
package dev.trellis.api.resources;
