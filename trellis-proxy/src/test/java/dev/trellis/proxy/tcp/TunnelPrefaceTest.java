package dev.trellis.proxy.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TunnelPrefaceTest {
  @Test
  void encodesOneLineThatParsesBack() {
    TunnelPreface preface = new TunnelPreface("db.default", 5432);
    String line = new String(preface.encode(), StandardCharsets.US_ASCII);
    assertThat(line).isEqualTo("TRELLIS-TUNNEL db.default:5432\r\n");
    assertThat(TunnelPreface.parse(line.strip())).isEqualTo(preface);
  }

  @Test
  void refusesWhatIsNotAPreface() {
    assertThat(TunnelPreface.parse("GET / HTTP/1.1")).isNull();
    assertThat(TunnelPreface.parse("TRELLIS-TUNNEL db.default")).isNull();
    assertThat(TunnelPreface.parse("TRELLIS-TUNNEL db.default:0")).isNull();
    assertThat(TunnelPreface.parse("TRELLIS-TUNNEL db.default:70000")).isNull();
    assertThat(TunnelPreface.parse("TRELLIS-TUNNEL db.default:x")).isNull();
  }
}
