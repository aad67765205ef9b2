/**
 * gRPC-Web ingress: browser clients speaking gRPC-Web (binary or base64 text) over HTTP/1.1 or HTTP/2
 * are carried to a native gRPC backend, and the answer, trailers included, is carried back in the body.
 * Also answers the CORS preflights browsers send before cross-origin calls, with the cross-origin rules
 * ({@link dev.polygate.translators.model.web.CorsRules}) the gateway's {@code cors} policy shares.
 */
package dev.polygate.translators.model.web;
