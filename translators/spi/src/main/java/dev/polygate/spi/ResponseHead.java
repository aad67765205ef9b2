package dev.polygate.spi;

import io.netty.handler.codec.http.HttpHeaders;

/** The status and headers of a response. The headers are mutable until the head is sent. */
public record ResponseHead(int status, HttpHeaders headers) {
}
