package dev.polygate.translators.model.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GrpcFramesTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    @Test
    void framesABufferWithoutCopying() {
        ByteBuf payload = ALLOC.buffer().writeBytes(new byte[] {1, 2, 3});
        ByteBuf frame = GrpcFrames.frame(ALLOC, GrpcFrames.COMPRESSED, payload);
        assertThat(ByteBufUtil.getBytes(frame)).containsExactly(1, 0, 0, 0, 3, 1, 2, 3);
        frame.release();
        assertThat(payload.refCnt()).isZero();
    }

    @Test
    void framesBytes() {
        ByteBuf frame = GrpcFrames.frame(ALLOC, 0, new byte[300]);
        assertThat(ByteBufUtil.getBytes(frame, 0, 5)).containsExactly(0, 0, 0, 1, 44);
        assertThat(frame.readableBytes()).isEqualTo(305);
        frame.release();
    }

    @Test
    void encodesTrailersAsLowerCaseLines() {
        // Not validating: the encoder must cope with values a validating map would have refused.
        HttpHeaders trailers = new DefaultHttpHeaders(false);
        trailers.add("Grpc-Status", "0");
        trailers.add("grpc-message", "all%20good");
        trailers.add("X-Custom", "a");
        trailers.add("x-custom", "b");
        trailers.add("x-evil", "line\r\nbreak: injected");
        ByteBuf frame = GrpcFrames.trailerFrame(ALLOC, trailers);
        String block = "grpc-status:0\r\ngrpc-message:all%20good\r\nx-custom:a\r\nx-custom:b\r\n";
        assertThat(frame.getUnsignedByte(0)).isEqualTo((short) 0x80);
        assertThat(frame.getInt(1)).isEqualTo(block.length());
        assertThat(frame.toString(5, frame.readableBytes() - 5, StandardCharsets.US_ASCII)).isEqualTo(block);

        HttpHeaders parsed = GrpcFrames.parseTrailerBlock(frame.slice(5, frame.readableBytes() - 5));
        assertThat(parsed.get("grpc-status")).isEqualTo("0");
        assertThat(parsed.getAll("x-custom")).containsExactly("a", "b");
        assertThat(parsed.contains("x-evil")).isFalse();
        frame.release();
    }

    @Test
    void parsesTrailerBlocksWithSpacesAndBareNewlines() {
        ByteBuf block = ALLOC.buffer().writeBytes("Grpc-Status: 5\ngrpc-message: not found\r\nnonsense\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        HttpHeaders parsed = GrpcFrames.parseTrailerBlock(block);
        block.release();
        assertThat(parsed.get("grpc-status")).isEqualTo("5");
        assertThat(parsed.get("grpc-message")).isEqualTo("not found");
        assertThat(parsed.size()).isEqualTo(2);
    }
}
