/** The registry's wire records: registrations, endpoints and their health. */
package dev.trellis.api.registry;
