package dev.polygate.translators.model.web;

import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.ResponseSink;
import dev.polygate.translators.model.wire.GrpcFrames;
import dev.polygate.translators.model.wire.GrpcStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Base64;

/** Writes gRPC-Web bodies and endings to the client, base64-encoding them in text mode. */
final class WebAnswer {
    private final ResponseSink client;
    private final boolean text;

    WebAnswer(ResponseSink client, boolean text) {
        this.client = client;
        this.text = text;
    }

    /**
     * Sends a chunk of the response body. In text mode each chunk is encoded on its own, padding
     * included, so the client can decode every chunk as soon as it arrives.
     */
    void data(ByteBuf chunk) {
        client.sendData(text ? encode(chunk) : chunk);
    }

    /** Ends the response with the status (and any trailing metadata) as a trailer frame. */
    void end(HttpHeaders trailerBlock) {
        data(GrpcFrames.trailerFrame(ByteBufAllocator.DEFAULT, trailerBlock));
        client.sendEnd(EmptyHttpHeaders.INSTANCE);
    }

    /**
     * Ends the call with {@code status}. Before the head it is a trailers-only answer, with the status both
     * in the headers (for clients that read them) and in a trailer frame (for those that read the body);
     * after the head, a trailer frame.
     *
     * @param headers the response headers to use when the head is still to be sent
     */
    void error(int httpStatus, HttpHeaders headers, GrpcStatus status) {
        if (client.isDone()) {
            return;
        }
        if (!client.isHeadSent()) {
            status.writeTo(headers);
            client.sendHead(new ResponseHead(httpStatus, headers));
        }
        HttpHeaders block = new DefaultHttpHeaders();
        status.writeTo(block);
        end(block);
    }

    private static ByteBuf encode(ByteBuf chunk) {
        try {
            byte[] encoded = Base64.getEncoder().encode(ByteBufUtil.getBytes(chunk));
            return ByteBufAllocator.DEFAULT.buffer(encoded.length).writeBytes(encoded);
        } finally {
            chunk.release();
        }
    }
}
