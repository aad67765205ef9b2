/**
 * The {@code websocket} translator: a WebSocket passthrough proxy. Each client session accepted at the edge (HTTP/1.1
 * upgrade or HTTP/2 extended CONNECT) is relayed to a {@code ws://} or {@code wss://} upstream over an HTTP/1.1
 * upgrade opened on the client's event loop: frames stream both ways one by one, never reassembled, with
 * backpressure, pings and pongs carried end to end, close codes and reasons carried both ways, the subprotocol
 * chosen by the backend, and an {@code Origin} allow-list; with {@code http2}, over an RFC 8441 extended CONNECT stream
 * of an HTTP/2 connection instead. With {@code eventStream}, clients without WebSocket follow
 * a backend session as Server-Sent Events and post messages into it.
 */
package dev.polygate.translators.websocket;
