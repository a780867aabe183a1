package dev.trellis.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A byte-level HTTP "application" for tests of what well-behaved servers never do: for every
 * request head it reads, it writes {@code answer} as given (a broken chunk, a truncated body, a
 * head that is not HTTP) and keeps the connection open. It records every byte each connection
 * brought, so a test can tell whether a request body ended cleanly.
 */
public final class ScriptedHttpApp implements AutoCloseable {
  private final ServerSocket server;
  private final byte[] answer;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Connection> seen = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  /** What one connection brought, and whether the peer closed it. */
  public static final class Connection {
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private volatile boolean closedByPeer;

    public synchronized String received() {
      return received.toString(StandardCharsets.ISO_8859_1);
    }

    synchronized void add(int b) {
      received.write(b);
    }

    public boolean closedByPeer() {
      return closedByPeer;
    }
  }

  public ScriptedHttpApp(String answer) throws IOException {
    this.answer = answer.getBytes(StandardCharsets.ISO_8859_1);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::acceptLoop);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** How many connections were accepted so far. */
  public int connections() {
    return connections.get();
  }

  /** Every connection accepted so far, in order. */
  public List<Connection> seen() {
    return seen;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        connections.incrementAndGet();
        Connection connection = new Connection();
        seen.add(connection);
        Thread.ofVirtual().start(() -> serve(socket, connection));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket, Connection connection) {
    try (socket) {
      InputStream in = socket.getInputStream();
      int matched = 0; // how much of CRLF CRLF was seen in a row
      for (int b; (b = in.read()) != -1; ) {
        connection.add(b);
        matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        if (matched == 4) {
          matched = 0;
          socket.getOutputStream().write(answer);
          socket.getOutputStream().flush();
        }
      }
      connection.closedByPeer = true;
    } catch (IOException gone) {
      connection.closedByPeer = true;
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
