package dev.polygate.spi;

/**
 * The client's request body, streamed. Reading from the client stops while the body is paused, which
 * is how a translator applies backpressure when its upstream cannot take more.
 */
public interface RequestBody {
    /** Starts delivery to {@code subscriber}. May be called once. */
    void subscribe(BodySubscriber subscriber);

    /** Stop reading from the client until {@link #resume()}. */
    void pause();

    void resume();

    /** The declared length, or -1 when the body is chunked or its length is unknown. */
    long declaredLength();

    /** True when the request has no body at all (no content-length, no chunks, end of stream with the head). */
    boolean isEmpty();

    /** Discards the body: chunks still to come are released as they arrive. */
    default void discard() {
        subscribe(new BodySubscriber() {
            @Override
            public void onData(io.netty.buffer.ByteBuf chunk) {
                chunk.release();
            }

            @Override
            public void onEnd(io.netty.handler.codec.http.HttpHeaders trailers) {
            }

            @Override
            public void onError(GatewayException error) {
            }
        });
    }
}
