package dev.polygate.translators.model.call;

import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * One call of an operation to a backend, whatever the backend speaks: protobuf messages in, messages and
 * one status out through a {@link CallListener}, everything on the client exchange's executor. The gRPC
 * connector is the grpc translator's {@code BackendCall}; other egress connectors (SOAP) implement the same
 * seam, so every ingress codec (REST/JSON, gRPC, gRPC-Web) reaches every kind of backend.
 */
public interface MessageCall {
    /** Opens the call; messages may be sent before or after. */
    void start();

    /** Sends one request message (serialized protobuf); ownership passes. */
    void sendMessage(ByteBuf message);

    /**
     * Sends one request message the ingress has built. The default serializes it for {@link #sendMessage(ByteBuf)};
     * a connector that works on messages rather than bytes (SOAP) takes it as it is and saves a parse.
     */
    default void sendMessage(Message message) {
        sendMessage(Unpooled.wrappedBuffer(message.toByteArray()));
    }

    /** No more request messages. */
    void halfClose();

    /** Ends the call from the gateway's side (client gone, deadline, bad input); no listener call follows. */
    void cancel();

    /** Whether the backend takes more request messages now. */
    boolean isReady();

    /** Called when {@link #isReady()} turns true again. */
    void onReady(Runnable listener);
}
