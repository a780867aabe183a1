package dev.trellis.bench.grpc;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The one gRPC method of the benchmark, {@code /trellis.bench.Bench/Unary}: unary, with raw
 * bytes for messages.
 *
 * <p>The messages are opaque byte arrays, so no {@code .proto} file and no protoc step are
 * needed; what crosses the wire is the same length-prefixed gRPC framing as with protobuf
 * messages, which is all a proxy sees. h2load sends the same frames from a file
 * ({@code bench/run} writes it: one empty message).
 */
public final class BenchMethod {

  /** The full method name, which is also the HTTP/2 {@code :path} without its leading slash. */
  public static final String FULL_NAME = "trellis.bench.Bench/Unary";

  /** The request path h2load and the proxies see. */
  public static final String PATH = "/" + FULL_NAME;

  /** Length of the gRPC message prefix: one compression flag byte and a 4-byte length. */
  public static final int FRAME_HEADER_BYTES = 5;

  public static final MethodDescriptor<byte[], byte[]> UNARY = MethodDescriptor.<byte[], byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName(FULL_NAME)
      .setRequestMarshaller(Bytes.INSTANCE)
      .setResponseMarshaller(Bytes.INSTANCE)
      .build();

  private BenchMethod() {}

  /** Messages as byte arrays, passed through as they are. */
  private enum Bytes implements MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("reading a gRPC message", e);
      }
    }
  }
}
