/**
 * {@code trellis run}: one application beside its sidecar, supervised by one command. The sidecar
 * ({@link dev.trellis.cli.run.InProcessSidecar}) runs in the command's JVM; the application is a
 * child process started once the sidecar is ready, with its environment saying where the mesh is
 * ({@link dev.trellis.cli.run.AppEnvironment}); {@link dev.trellis.cli.run.Supervisor} decides
 * what signals and the application's exit mean.
 */
package dev.trellis.cli.run;
