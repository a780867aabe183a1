package dev.trellis.bench.wrk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WrkOutputTest {

  @Test
  void readsTotalsAndRate() {
    WrkOutput output = WrkOutput.parse("""
        Running 2s test @ http://127.0.0.1:39019/
          1 threads and 16 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency   256.33us  825.97us  13.71ms   95.57%
            Req/Sec   130.38k    34.82k  169.09k    71.43%
          272388 requests in 2.10s, 287.05MB read
        Requests/sec: 129716.05
        Transfer/sec:    136.70MB
        """);

    assertThat(output).isEqualTo(new WrkOutput(272388, 2.10, 129716.05, 0, 0));
    assertThat(output.goodRequests()).isEqualTo(272388);
    assertThat(output.errors()).isZero();
  }

  @Test
  void countsSocketErrorsAndBadStatuses() {
    WrkOutput output = WrkOutput.parse("""
          1 threads and 16 connections
          5000 requests in 1.00m, 5.20MB read
          Socket errors: connect 1, read 2, write 3, timeout 4
          Non-2xx or 3xx responses: 120
        Requests/sec:     83.20
        """);

    assertThat(output.seconds()).isEqualTo(60.0);
    assertThat(output.socketErrors()).isEqualTo(10);
    assertThat(output.non2xx()).isEqualTo(120);
    assertThat(output.goodRequests()).isEqualTo(4880);
    assertThat(output.errors()).isEqualTo(130);
  }

  @Test
  void refusesOutputWithoutTotals() {
    assertThatThrownBy(() -> WrkOutput.parse("unable to connect to 127.0.0.1:1 Connection refused\n"))
        .hasMessage("wrk output: \"unable to connect to 127.0.0.1:1 Connection refused\""
            + " (expected: \"N requests in Ts\" and \"Requests/sec: R\")");
  }
}
