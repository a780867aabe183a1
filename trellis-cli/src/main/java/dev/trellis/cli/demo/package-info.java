/**
 * {@code trellis demo}: a control plane in this JVM, the configuration of {@code examples/mesh}
 * ({@link dev.trellis.cli.demo.DemoMesh}), and the bookstore's services
 * ({@link dev.trellis.cli.demo.DemoService}) each under {@code trellis run} as a child process
 * of the distribution ({@link dev.trellis.cli.demo.DemoLauncher}), stopped together.
 */
package dev.trellis.cli.demo;
