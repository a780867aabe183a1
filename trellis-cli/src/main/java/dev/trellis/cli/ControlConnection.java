package dev.trellis.cli;

import dev.trellis.api.client.ControlApiException;
import dev.trellis.api.client.ControlClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a command reaches the control plane: its URL and the admin token.
 *
 * <p>The token is looked for in {@code --token}, then {@code $TRELLIS_TOKEN}, then the
 * {@code admin-token} file the control plane wrote in its data directory, so that on one machine
 * the CLI works with no options at all.
 */
public final class ControlConnection {
  static final String DEFAULT_URL = "http://127.0.0.1:7420";

  @Option(names = "--control", paramLabel = "URL",
      description = "The control plane's admin API (default: $TRELLIS_CONTROL, else " + DEFAULT_URL + ").")
  String control;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "Admin token (default: $TRELLIS_TOKEN, else <data-dir>/admin-token).")
  String token;

  @Mixin
  DataDir dataDir;

  /** The control plane's base URL. */
  public URI url() {
    String url = control != null ? control : env("TRELLIS_CONTROL", DEFAULT_URL);
    try {
      URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new UserError("--control: " + url + " (expected: a URL such as " + DEFAULT_URL + ")");
    }
  }

  /** The data directory: where the token is found, and where a sidecar caches its snapshot. */
  public Path dataDir() {
    return dataDir.path();
  }

  /** A client for the control plane; the caller closes it. */
  public ControlClient client() {
    return ControlClient.create(url(), token());
  }

  private String token() {
    if (token != null) {
      return token;
    }
    String fromEnv = System.getenv("TRELLIS_TOKEN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    Path file = dataDir.path().resolve("admin-token");
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UserError("no admin token: pass --token, set TRELLIS_TOKEN, or point --data-dir at"
          + " the control plane's data directory (no " + file + ")");
    }
  }

  /** Turns a failed call into the error a user can act on. */
  public UserError explain(ControlApiException failure) {
    return switch (failure.status()) {
      case 0 -> new UserError("cannot reach the control plane at " + url()
          + " (is `trellis control` running?): " + rootCause(failure));
      case 401 -> new UserError("401 unauthorized: the control plane at " + url()
          + " refused the admin token from " + tokenSource());
      default -> new UserError(failure.error(), failure.details());
    };
  }

  /** Where {@link #token()} found the token, for messages about a refused one. */
  private String tokenSource() {
    if (token != null) {
      return "--token";
    }
    String fromEnv = System.getenv("TRELLIS_TOKEN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return "$TRELLIS_TOKEN";
    }
    return dataDir.path().resolve("admin-token").toString();
  }

  private static String rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
