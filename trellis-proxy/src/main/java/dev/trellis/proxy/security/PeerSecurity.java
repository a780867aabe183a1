package dev.trellis.proxy.security;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * The one seam where transport security joins a connection: called first when the proxy's own
 * connection to a peer sidecar or the proxy's own accepted inbound connection is initialised.
 * Plaintext today; mutual TLS becomes an implementation of this that adds an {@code SslHandler}.
 *
 * <p>Threading: called on the channel's event loop while its pipeline is being built.
 */
public interface PeerSecurity {
  /** No transport security: bytes go as they are. */
  PeerSecurity PLAINTEXT =
      new PeerSecurity() {
        @Override
        public void secureClient(Channel channel, InetSocketAddress peer) {}

        @Override
        public void secureServer(Channel channel) {}
      };

  /** Secures a connection the proxy opened to the peer sidecar at {@code peer}. */
  void secureClient(Channel channel, InetSocketAddress peer);

  /** Secures a connection a peer sidecar opened to this proxy's inbound listener. */
  void secureServer(Channel channel);
}
