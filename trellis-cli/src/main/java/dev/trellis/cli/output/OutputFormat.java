package dev.trellis.cli.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.trellis.api.json.ApiJson;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** The {@code -o} choices of read commands, and how documents are printed in each. */
public enum OutputFormat {
  TABLE, YAML, JSON;

  // Both print values the way the API sends them (instants as text, nulls left out): the JSON
  // mapper is the wire's own, indented; the YAML one has the same settings.
  private static final ObjectMapper JSON_MAPPER =
      ApiJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML_MAPPER = YAMLMapper.builder(YAMLFactory.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .build())
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  /**
   * Prints documents: YAML as a multi-document stream (so that it can be applied back), JSON as
   * one object, or an array when {@code asList}.
   */
  public void printDocuments(PrintWriter out, List<? extends JsonNode> documents, boolean asList) {
    try {
      switch (this) {
        case JSON -> out.println(JSON_MAPPER.writeValueAsString(
            asList ? JSON_MAPPER.valueToTree(documents) : documents.get(0)));
        case YAML -> {
          for (int i = 0; i < documents.size(); i++) {
            if (i > 0) {
              out.println("---");
            }
            out.print(YAML_MAPPER.writeValueAsString(documents.get(i)));
          }
        }
        case TABLE -> throw new IllegalStateException("tables are printed by each command");
      }
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }

  /** Prints any value (a record, a map) as JSON or YAML. */
  public void printValue(PrintWriter out, Object value) {
    try {
      out.print(this == YAML ? YAML_MAPPER.writeValueAsString(value)
          : JSON_MAPPER.writeValueAsString(value) + System.lineSeparator());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }
}
