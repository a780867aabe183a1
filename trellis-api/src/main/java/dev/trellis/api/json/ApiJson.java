package dev.trellis.api.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;
import java.time.Instant;

/**
 * The one Jackson setup for the control plane's wire records, shared by the server and the client.
 *
 * <p>Instants travel as ISO-8601 text ({@code 2026-11-24T23:14:02Z}); absent optional fields are
 * left out rather than sent as {@code null}; unknown fields are ignored when reading, so that a
 * newer control plane can add fields without breaking older proxies. The mapper is thread-safe
 * once built and must not be reconfigured by callers.
 *
 * <p>{@link Instant} is the only java.time type on the wire, so only its serializer and
 * deserializer are registered: the whole {@code JavaTimeModule} set up ~70 classes for every
 * java.time type in each sidecar at start. A record given another java.time type fails loudly
 * (Jackson refuses java.time types it has no module for), and then belongs here.
 */
public final class ApiJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new SimpleModule("trellis-instants")
          .addSerializer(Instant.class, InstantSerializer.INSTANCE)
          .addDeserializer(Instant.class, InstantDeserializer.INSTANT))
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private ApiJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
