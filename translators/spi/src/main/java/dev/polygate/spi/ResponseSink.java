package dev.polygate.spi;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Where a translator writes the response, rendered by the gateway in the client's protocol. Calls
 * must come on the exchange's executor, in the order head, data*, end; or {@link #sendError} at any time.
 */
public interface ResponseSink {
    void sendHead(ResponseHead head);

    /** Sends one chunk; ownership of {@code chunk} passes to the sink. */
    void sendData(ByteBuf chunk);

    /** Ends the response; {@code trailers} may be empty. */
    void sendEnd(HttpHeaders trailers);

    /**
     * Ends the exchange with an error. Before the head is sent the error is rendered in the client's
     * protocol (problem+json for REST); after it, the response is aborted (stream reset or connection
     * closed) since the status is already committed. Further calls after the end are ignored.
     */
    void sendError(GatewayException error);

    /** True while the client can take more data without queueing in memory. */
    boolean isWritable();

    /** Called on the executor whenever {@link #isWritable()} changes. Replaces any earlier listener. */
    void onWritabilityChanged(Runnable listener);

    boolean isHeadSent();

    /** True once the response has ended, normally or by error. */
    boolean isDone();
}
