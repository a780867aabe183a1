package dev.trellis.proxy.testing;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real grpc-java server for tests, its methods described by hand with a string marshaller (no
 * protoc): unary echo, server streaming (split into words), client streaming (join), bidi
 * (echo each), a failure with trailing metadata, and a method that never answers.
 */
public final class GrpcEchoApp implements AutoCloseable {
  public static final MethodDescriptor.Marshaller<String> STRING =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
          return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
          try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  public static final MethodDescriptor<String, String> UNARY = method("Unary", MethodDescriptor.MethodType.UNARY);
  public static final MethodDescriptor<String, String> SPLIT =
      method("Split", MethodDescriptor.MethodType.SERVER_STREAMING);
  public static final MethodDescriptor<String, String> JOIN =
      method("Join", MethodDescriptor.MethodType.CLIENT_STREAMING);
  public static final MethodDescriptor<String, String> CHAT = method("Chat", MethodDescriptor.MethodType.BIDI_STREAMING);
  public static final MethodDescriptor<String, String> FAIL = method("Fail", MethodDescriptor.MethodType.UNARY);
  public static final MethodDescriptor<String, String> NEVER = method("Never", MethodDescriptor.MethodType.UNARY);

  public static final Metadata.Key<String> DETAIL = Metadata.Key.of("x-detail", Metadata.ASCII_STRING_MARSHALLER);

  private final Server server;

  private GrpcEchoApp(String name) throws IOException {
    ServerServiceDefinition service =
        ServerServiceDefinition.builder("test.Echo")
            .addMethod(UNARY, ServerCalls.asyncUnaryCall((String req, StreamObserver<String> out) -> {
              out.onNext(name + ":" + req);
              out.onCompleted();
            }))
            .addMethod(SPLIT, ServerCalls.asyncServerStreamingCall((String req, StreamObserver<String> out) -> {
              for (String word : req.split(" ")) {
                out.onNext(word);
              }
              out.onCompleted();
            }))
            .addMethod(JOIN, ServerCalls.asyncClientStreamingCall((StreamObserver<String> out) -> collect(out)))
            .addMethod(CHAT, ServerCalls.asyncBidiStreamingCall((StreamObserver<String> out) -> echo(out)))
            .addMethod(FAIL, ServerCalls.asyncUnaryCall((String req, StreamObserver<String> out) -> {
              Metadata trailers = new Metadata();
              trailers.put(DETAIL, "why=" + req);
              out.onError(Status.FAILED_PRECONDITION.withDescription("refused: " + req).asRuntimeException(trailers));
            }))
            .addMethod(NEVER, ServerCalls.asyncUnaryCall((String req, StreamObserver<String> out) -> {}))
            .build();
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(service)
            .build()
            .start();
  }

  public static GrpcEchoApp start(String name) throws IOException {
    return new GrpcEchoApp(name);
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private static MethodDescriptor<String, String> method(String name, MethodDescriptor.MethodType type) {
    return MethodDescriptor.<String, String>newBuilder()
        .setType(type)
        .setFullMethodName("test.Echo/" + name)
        .setRequestMarshaller(STRING)
        .setResponseMarshaller(STRING)
        .build();
  }

  private static StreamObserver<String> collect(StreamObserver<String> out) {
    List<String> parts = new ArrayList<>();
    return new StreamObserver<>() {
      @Override
      public void onNext(String value) {
        parts.add(value);
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        out.onNext(String.join("+", parts));
        out.onCompleted();
      }
    };
  }

  private static StreamObserver<String> echo(StreamObserver<String> out) {
    return new StreamObserver<>() {
      @Override
      public void onNext(String value) {
        out.onNext("re:" + value);
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        out.onCompleted();
      }
    };
  }
}
