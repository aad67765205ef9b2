package dev.polygate.translators.model.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.polygate.demo.greeter.v1.HelloReply;
import dev.polygate.translators.model.wire.GrpcFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What a gRPC-Web client reads from a recorded response: messages and the trailer frame. Text responses
 * are decoded chunk by chunk with the JDK's decoder, which also proves every chunk decodes on its own.
 */
record GrpcWebResponse(int status, HttpHeaders headers, List<byte[]> messages, HttpHeaders trailers) {

    static GrpcWebResponse read(TestClientSink sink, boolean text) {
        assertThat(sink.error).as("sink error").isNull();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] chunk : sink.chunks) {
            body.writeBytes(text ? Base64.getDecoder().decode(chunk) : chunk);
        }
        ByteBuf bytes = Unpooled.wrappedBuffer(body.toByteArray());
        List<byte[]> messages = new ArrayList<>();
        HttpHeaders trailers = null;
        while (bytes.isReadable()) {
            assertThat(trailers).as("a frame after the trailer frame").isNull();
            int flags = bytes.readUnsignedByte();
            int length = bytes.readInt();
            ByteBuf payload = bytes.readSlice(length);
            if ((flags & GrpcFrames.TRAILERS) != 0) {
                trailers = GrpcFrames.parseTrailerBlock(payload);
            } else {
                byte[] message = new byte[length];
                payload.readBytes(message);
                messages.add(message);
            }
        }
        assertThat(trailers).as("trailer frame").isNotNull();
        return new GrpcWebResponse(sink.head.status(), sink.head.headers(), messages, trailers);
    }

    /** The messages read as the demo Greeter's replies, their text. */
    List<String> replies() throws InvalidProtocolBufferException {
        List<String> replies = new ArrayList<>();
        for (byte[] message : messages) {
            replies.add(HelloReply.parseFrom(message).getMessage());
        }
        return replies;
    }

    String grpcStatus() {
        return trailers.get("grpc-status");
    }

    String grpcMessage() {
        return trailers.get("grpc-message");
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
