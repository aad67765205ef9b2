package dev.polygate.edge.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.test.v1.ChatMessage;
import dev.polygate.test.v1.PingRequest;
import dev.polygate.test.v1.PingResponse;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code grpc-websockets} framing of improbable-eng's gRPC-Web WebSocket transport, spoken byte by byte
 * through a real gateway to a real grpc-java backend: the header block, {@code 0x00} + gRPC frames, the
 * {@code 0x01} half-close, and gRPC-Web frames back (headers and trailers as {@code 0x80} frames).
 */
final class GrpcWebSocketsTest {
    @TempDir
    static Path dir;
    static GrpcBackend backend;
    static RestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        backend = GrpcBackend.start();
        gateway = RestGateway.start(dir, backend.port(), "");
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        backend.close();
    }

    private static JdkSocket open(String method) throws Exception {
        return JdkSocket.open(gateway.gateway().httpPort(), "/polygate.test.v1.Library/" + method, "grpc-websockets");
    }

    private static byte[] headerBlock(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code 0x00} and a gRPC frame of the message. */
    private static byte[] message(byte[] protobuf) {
        ByteBuffer frame = ByteBuffer.allocate(6 + protobuf.length);
        frame.put((byte) 0).put((byte) 0).putInt(protobuf.length).put(protobuf);
        return frame.array();
    }

    /** A gRPC-Web frame as the server sent it: its flag byte and payload. */
    private record WebFrame(int flags, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private static WebFrame frame(byte[] message) {
        ByteBuffer buffer = ByteBuffer.wrap(message);
        int flags = buffer.get() & 0xff;
        int length = buffer.getInt();
        assertThat(buffer.remaining()).as("one gRPC-Web frame per WebSocket message").isEqualTo(length);
        return new WebFrame(flags, Arrays.copyOfRange(message, 5, message.length));
    }

    @Test
    void unaryCallWithHeadersMessageAndTrailers() throws Exception {
        try (JdkSocket socket = open("Ping")) {
            socket.send(headerBlock("content-type: application/grpc-web+proto", "x-grpc-web: 1",
                    "authorization: Bearer block"));
            socket.send(message(PingRequest.newBuilder().setMessage("bytes").build().toByteArray()));
            socket.send(new byte[] {1});
            WebFrame headers = frame(socket.nextBinary());
            assertThat(headers.flags()).isEqualTo(0x80);
            assertThat(headers.text()).contains("content-type:application/grpc-web+proto").contains("x-backend-method:Ping");
            WebFrame reply = frame(socket.nextBinary());
            assertThat(reply.flags()).isZero();
            assertThat(PingResponse.parseFrom(reply.payload()).getMessage()).isEqualTo("pong: bytes");
            WebFrame trailers = frame(socket.nextBinary());
            assertThat(trailers.flags()).isEqualTo(0x80);
            assertThat(trailers.text()).contains("grpc-status:0\r\n");
            assertThat(socket.closeCode()).isEqualTo(1000);
            assertThat(backend.probe().last().header("authorization")).isEqualTo("Bearer block");
        }
    }

    @Test
    void bidirectionalStreamingWithMessagesSplitAcrossWebSocketMessages() throws Exception {
        try (JdkSocket socket = open("Chat")) {
            socket.send(headerBlock("content-type: application/grpc-web+proto"));
            byte[] first = message(ChatMessage.newBuilder().setRoom("r").setText("one").build().toByteArray());
            // a gRPC frame may be cut anywhere: the rest comes in the next 0x00 message
            socket.send(Arrays.copyOfRange(first, 0, 4));
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            rest.write(0);
            rest.write(first, 4, first.length - 4);
            socket.send(rest.toByteArray());
            assertThat(frame(socket.nextBinary()).flags()).isEqualTo(0x80);
            assertThat(ChatMessage.parseFrom(frame(socket.nextBinary()).payload()).getText()).isEqualTo("re: one");
            socket.send(message(ChatMessage.newBuilder().setRoom("r").setText("two").build().toByteArray()));
            assertThat(ChatMessage.parseFrom(frame(socket.nextBinary()).payload()).getText()).isEqualTo("re: two");
            socket.send(new byte[] {1});
            assertThat(frame(socket.nextBinary()).text()).contains("grpc-status:0");
            assertThat(socket.closeCode()).isEqualTo(1000);
        }
    }

    @Test
    void aBadFirstByteEndsTheCallWithATrailersOnlyAnswer() throws Exception {
        try (JdkSocket socket = open("Chat")) {
            socket.send(headerBlock("content-type: application/grpc-web+proto"));
            socket.send(new byte[] {7, 0, 0});
            String answer = frame(socket.nextBinary()).text();
            assertThat(answer).contains("grpc-status:3");
            assertThat(socket.closeCode()).isEqualTo(1000);
        }
    }

    @Test
    void anUnreadableTimeoutInTheHeaderBlockIsInvalidArgument() throws Exception {
        try (JdkSocket socket = open("Ping")) {
            socket.send(headerBlock("grpc-timeout: soon"));
            assertThat(frame(socket.nextBinary()).text()).contains("grpc-status:3");
            assertThat(socket.closeCode()).isEqualTo(1000);
        }
    }
}
