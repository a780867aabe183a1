/**
 * The Gateway API route kinds as the mesh (GAMMA) profile uses them: {@code HTTPRoute} and
 * {@code GRPCRoute} attach to a {@code Service} through {@code parentRefs} and send its calls to
 * weighted {@code backendRefs}. Matches, filters and backend refs are shared by both kinds.
 */
package dev.trellis.config.route;
