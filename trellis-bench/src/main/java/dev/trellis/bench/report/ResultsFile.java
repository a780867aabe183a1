package dev.trellis.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and appends the harness's results file: one {@link Measurement} as JSON per line.
 *
 * <p>Each writer is a separate short-lived process that appends whole lines, so the file can be
 * built up step by step by {@code bench/run} and read at the end. Not safe for concurrent
 * writers; the harness runs its steps one at a time.
 */
public final class ResultsFile {

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private ResultsFile() {}

  /** The JSON line for {@code measurement}, without the newline. */
  public static String toLine(Measurement measurement) {
    try {
      return JSON.writeValueAsString(measurement);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + measurement, e);
    }
  }

  /** Appends {@code measurement} as one line, creating the file when missing. */
  public static void append(Path file, Measurement measurement) throws IOException {
    Files.writeString(file, toLine(measurement) + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /**
   * Every measurement in {@code file}, in order; blank lines are skipped.
   *
   * @throws IOException when the file cannot be read or a line is not a measurement, naming
   *                     the file and line
   */
  public static List<Measurement> read(Path file) throws IOException {
    List<Measurement> measurements = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        measurements.add(JSON.readValue(line, Measurement.class));
      } catch (JsonProcessingException e) {
        throw new IOException(file + ":" + (i + 1) + ": " + e.getOriginalMessage()
            + " (expected: one measurement as JSON)", e);
      }
    }
    return measurements;
  }
}
