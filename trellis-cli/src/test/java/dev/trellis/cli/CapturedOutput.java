package dev.trellis.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures {@code System.out} and {@code System.err} around each test, so that a test can assert on
 * what a command printed; the original streams are back after every test.
 *
 * <pre>
 *   {@literal @}RegisterExtension
 *   final CapturedOutput output = new CapturedOutput();
 *   ...
 *   assertThat(output.stdout()).contains("Usage: trellis");
 * </pre>
 *
 * <p>Register it as an instance field (one per test instance). Not for tests that run in parallel
 * with others: the process has one {@code System.out}.
 */
public final class CapturedOutput implements BeforeEachCallback, AfterEachCallback {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @Override
  public void beforeEach(ExtensionContext context) {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  /** Everything printed to {@code System.out} since the test started or since {@link #reset}. */
  public String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Everything printed to {@code System.err} since the test started or since {@link #reset}. */
  public String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Forgets what was captured so far, on both streams. */
  public void reset() {
    out.reset();
    err.reset();
  }
}
