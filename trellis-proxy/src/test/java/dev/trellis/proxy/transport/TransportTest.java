package dev.trellis.proxy.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import org.junit.jupiter.api.Test;

class TransportTest {
  @Test
  void linuxOnX86RunsOnNativeEpoll() {
    // The build ships the linux-x86_64 native library, the platform the proxy is built for; NIO
    // remains the fallback elsewhere, but here epoll must load.
    assertThat(Epoll.unavailabilityCause()).isNull();
    assertThat(Transport.isNative()).isTrue();
    assertThat(Transport.serverChannel()).isEqualTo(EpollServerSocketChannel.class);
  }
}
