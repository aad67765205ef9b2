package dev.polygate.edge.exchange;

import io.netty.handler.codec.http.HttpVersion;

/**
 * How a response is framed towards the client.
 *
 * @param http2       the exchange is an HTTP/2 stream (framing by DATA frames; no connection headers)
 * @param version     the client's HTTP version (HTTP/1.0 clients cannot take chunked bodies)
 * @param headRequest the request was HEAD: the response carries no body
 * @param keepAlive   the client wants the connection kept open after this exchange
 */
record ResponseFraming(boolean http2, HttpVersion version, boolean headRequest, boolean keepAlive) {
}
