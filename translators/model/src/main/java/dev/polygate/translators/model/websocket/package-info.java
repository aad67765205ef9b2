/**
 * The WebSocket ingress of the message model: any operation a route exposes (a gRPC method, a SOAP operation)
 * called over a WebSocket, with JSON text messages or improbable-eng's {@code grpc-websockets} framing. Entry
 * point: {@link dev.polygate.translators.model.websocket.WebSocketIngress}.
 */
package dev.polygate.translators.model.websocket;
