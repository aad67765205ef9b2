package dev.polygate.translators.model.call;

import com.google.protobuf.Message;
import dev.polygate.translators.model.wire.GrpcStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;

/** What a {@link MessageCall} reports, always on the client exchange's executor and in this order. */
public interface CallListener {
    /** The backend's response headers (its metadata); not called for a trailers-only answer. */
    void onHeaders(HttpHeaders headers);

    /** One response message, the serialized protobuf without its frame header; ownership passes. */
    void onMessage(ByteBuf message);

    /**
     * One response message a connector built itself (SOAP reads XML into messages). The default serializes it
     * for {@link #onMessage(ByteBuf)}; a listener that works on messages (REST/JSON) takes it as it is.
     */
    default void onMessage(Message message) {
        onMessage(Unpooled.wrappedBuffer(message.toByteArray()));
    }

    /** The call ended; {@code trailers} holds the backend's trailing metadata (may be empty). */
    void onClose(GrpcStatus status, HttpHeaders trailers);
}
