package dev.trellis.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.junit.jupiter.api.Test;

class GrpcStatusTest {
  @Test
  void readsTheStatusOrNone() {
    assertThat(GrpcStatus.of(new DefaultHttpHeaders())).isEqualTo(GrpcStatus.NONE);
    assertThat(GrpcStatus.of(new DefaultHttpHeaders().set("grpc-status", "14"))).isEqualTo(14);
    assertThat(GrpcStatus.of(new DefaultHttpHeaders().set("grpc-status", "x"))).isEqualTo(2);
  }

  @Test
  void onlyServerSideStatusesCountAsFailures() {
    assertThat(GrpcStatus.isServerFailure(0)).isFalse(); // OK
    assertThat(GrpcStatus.isServerFailure(5)).isFalse(); // NOT_FOUND: the caller's business
    assertThat(GrpcStatus.isServerFailure(9)).isFalse(); // FAILED_PRECONDITION
    assertThat(GrpcStatus.isServerFailure(GrpcStatus.NONE)).isFalse();
    assertThat(GrpcStatus.isServerFailure(14)).isTrue(); // UNAVAILABLE
    assertThat(GrpcStatus.isServerFailure(13)).isTrue(); // INTERNAL
    assertThat(GrpcStatus.isServerFailure(4)).isTrue(); // DEADLINE_EXCEEDED
  }
}
