package dev.polygate.spi;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Receives a body as a stream of chunks. All calls come on the exchange's executor; exactly one of
 * {@link #onEnd} and {@link #onError} ends the stream.
 */
public interface BodySubscriber {
    /** One chunk; the subscriber owns it and must release it (or pass it on, which transfers ownership). */
    void onData(ByteBuf chunk);

    /** The body is complete; {@code trailers} is empty when there were none. */
    void onEnd(HttpHeaders trailers);

    /** The body cannot be completed: the client went away, the body was malformed or too large. */
    void onError(GatewayException error);
}
