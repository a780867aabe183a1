package dev.trellis.proxy.http;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Header fix-ups where HTTP/2 and HTTP/1.1 meet, so that each side sees a message its own
 * protocol can frame: Netty's HTTP/2-to-HTTP/1 conversion adds {@code x-http2-*} bookkeeping
 * headers that must not leak, and an HTTP/2 message has no framing headers an HTTP/1.1 peer needs.
 */
public final class Http1Headers {
  private static final AsciiString EXTENSION_PREFIX = AsciiString.cached("x-http2-");
  private static final AsciiString PROXY_PREFIX = AsciiString.cached("proxy-");

  private Http1Headers() {}

  /** Removes Netty's {@code x-http2-*} conversion headers. */
  public static void stripConversionHeaders(HttpHeaders headers) {
    strip(headers, true, false);
  }

  /**
   * Removes the headers meant for the proxy rather than the next hop: {@code Proxy-Authorization}
   * (a credential for us, never for the application), {@code Proxy-Connection} and every other
   * {@code Proxy-*} header, and {@code Keep-Alive}. The other hop-by-hop headers ({@code
   * Connection}, {@code Transfer-Encoding}, {@code Upgrade}) never cross HTTP/2 between sidecars,
   * and an upgrade request needs its own to reach the application.
   */
  public static void stripProxyHeaders(HttpHeaders headers) {
    strip(headers, false, true);
  }

  /**
   * One pass over the names as they are stored (no String copies: every message goes through
   * here), collecting the ones to remove; nothing is allocated when none match.
   */
  private static void strip(HttpHeaders headers, boolean conversion, boolean proxy) {
    List<CharSequence> names = null;
    for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
      CharSequence name = it.next().getKey();
      if ((conversion && startsWithIgnoreCase(name, EXTENSION_PREFIX))
          || (proxy && (startsWithIgnoreCase(name, PROXY_PREFIX)
              || AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.KEEP_ALIVE)))) {
        if (names == null) {
          names = new ArrayList<>(2);
        }
        names.add(name);
      }
    }
    if (names != null) {
      names.forEach(headers::remove);
    }
  }

  private static boolean startsWithIgnoreCase(CharSequence name, AsciiString prefix) {
    return name.length() >= prefix.length()
        && AsciiString.regionMatches(name, true, 0, prefix, 0, prefix.length());
  }

  /**
   * Makes {@code response} fit to be written downstream: conversion headers removed and, for an
   * HTTP/1.x downstream, a body framing the caller understands and the connection's fate.
   *
   * @return true when the downstream connection must close after this response (its end is
   *     what delimits the body, or the caller asked for it)
   */
  static boolean prepareResponse(HttpResponse response, HttpRequest request, boolean http1Downstream) {
    HttpHeaders headers = response.headers();
    strip(headers, true, true);
    if (!http1Downstream) {
      return false;
    }
    boolean http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
    if (http10) {
      // An HTTP/1.0 caller knows no chunking: the body ends with the connection instead.
      HttpUtil.setTransferEncodingChunked(response, false);
      response.setProtocolVersion(HttpVersion.HTTP_1_0);
    }
    boolean framed = HttpUtil.isContentLengthSet(response) || HttpUtil.isTransferEncodingChunked(response);
    boolean closeAfter = !HttpUtil.isKeepAlive(request);
    if (!framed && mayHaveBody(response, request)) {
      if (response instanceof FullHttpResponse full && (http10 || full.trailingHeaders().isEmpty())) {
        HttpUtil.setContentLength(response, full.content().readableBytes());
      } else if (http10) {
        closeAfter = true;
      } else {
        HttpUtil.setTransferEncodingChunked(response, true);
      }
    }
    if (closeAfter) {
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (http10) {
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    return closeAfter;
  }

  private static boolean mayHaveBody(HttpResponse response, HttpRequest request) {
    int code = response.status().code();
    return code >= 200 && code != 204 && code != 304 && !HttpMethod.HEAD.equals(request.method());
  }
}
