package dev.trellis.bench.h2load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reads output captured from h2load 1.52 sending gRPC calls to {@code bench grpc-backend}. */
class H2loadOutputTest {

  private static final int FRAME = 5 + 1024;

  @Test
  void readsTheTotalsOfATimedRunWhereEveryCallCarriedItsMessage() throws IOException {
    H2loadOutput out = H2loadOutput.parse(captured("grpc-ok.txt"), FRAME);

    assertThat(out.seconds()).isEqualTo(2.0);
    assertThat(out.succeeded()).isEqualTo(out.done()).isPositive();
    assertThat(out.dataBytes()).isEqualTo(out.succeeded() * FRAME);
    assertThat(out.goodCalls()).isEqualTo(out.succeeded());
    assertThat(out.errors()).isZero();
    assertThat(out.goodPerSecond()).isEqualTo(out.succeeded() / 2.0);
  }

  @Test
  void countsHttp200AnswersWithoutAMessageAsErrors() throws IOException {
    // An unknown method: HTTP 200 with grpc-status 12 in the headers, no DATA at all.
    H2loadOutput out = H2loadOutput.parse(captured("grpc-unimplemented.txt"), FRAME);

    assertThat(out.seconds()).isCloseTo(0.09585, within(1e-9));
    assertThat(out.succeeded()).isEqualTo(100);
    assertThat(out.goodCalls()).isZero();
    assertThat(out.errors()).isEqualTo(100);
  }

  @Test
  void addsHttpFailuresToTheErrors() {
    String output = """
        finished in 1.00s, 10.00 req/s, 1KB/s
        requests: 12 total, 12 started, 12 done, 10 succeeded, 2 failed, 2 errored, 0 timeout
        traffic: 1KB (20580) total, 100B (100) headers (space savings 90.00%), 10KB (9261) data
        """;

    H2loadOutput out = H2loadOutput.parse(output, FRAME);

    // 9261 bytes = 9 whole messages for 10 good statuses: one answer was a gRPC error
    assertThat(out.goodCalls()).isEqualTo(9);
    assertThat(out.errors()).isEqualTo(3);
  }

  @Test
  void rejectsOutputWithoutTotalsNamingWhatWasExpected() {
    assertThatThrownBy(() -> H2loadOutput.parse("invalid URI: http://127.0.0.1:\n", FRAME))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("h2load output: \"invalid URI: http://127.0.0.1:\" (expected: \"finished in Ts\", "
            + "\"requests: ...\" and \"traffic: ... (N) data\")");
  }

  private static String captured(String name) throws IOException {
    try (InputStream in = H2loadOutputTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
