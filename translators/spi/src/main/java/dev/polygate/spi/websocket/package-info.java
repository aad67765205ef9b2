/**
 * WebSocket sessions for translators, without Netty channel types.
 *
 * <p>A WebSocket handshake is an exchange like any other: HTTP/1.1 {@code GET} with {@code Upgrade: websocket}
 * (RFC 6455) or HTTP/2 {@code CONNECT} with {@code :protocol websocket} (RFC 8441). It is routed and passes the
 * route's policies; then {@link dev.polygate.spi.Exchange#webSocket()} offers the {@link
 * dev.polygate.spi.websocket.WebSocketUpgrade}. The translator either refuses it with an ordinary error on the
 * exchange's response sink, or {@linkplain dev.polygate.spi.websocket.WebSocketUpgrade#accept accepts} it and
 * from then on exchanges frames with the client through a {@link dev.polygate.spi.websocket.WebSocketSession}
 * (towards the client) and its own {@link dev.polygate.spi.websocket.WebSocketHandler} (from the client).
 *
 * <p>The gateway speaks the protocol with the client: it checks the handshake, masks nothing and unmasks
 * everything, validates frames (RSV bits, opcodes, control frame rules, UTF-8 of text messages across fragments),
 * enforces the route's frame and message size limits, runs permessage-deflate when the client asks for it, and
 * answers protocol violations with the right close code. A translator sees clean, uncompressed frames, one by one:
 * messages are never reassembled.
 *
 * <p>Threading: every call in either direction happens on the exchange's {@link
 * dev.polygate.spi.Exchange#executor() executor}. Buffers: a {@link dev.polygate.spi.websocket.WebSocketFrame}
 * owns its payload; whoever holds a frame last releases it (sending it passes it on).
 *
 * <p>Lifecycle: the session ends when the close handshake completes (either side may start it), when the client's
 * connection or stream goes away, or when the gateway fails the connection (protocol violation, limit, idle
 * timeout). The handler learns of the end exactly once, by {@link
 * dev.polygate.spi.websocket.WebSocketHandler#onClose} (the client sent Close) or {@link
 * dev.polygate.spi.websocket.WebSocketHandler#onError} (no close handshake to finish); the translator then
 * releases its backend side. Before the handshake is accepted, a client that leaves runs the exchange's
 * {@link dev.polygate.spi.Exchange#onCancel cancel actions}.
 */
package dev.polygate.spi.websocket;
