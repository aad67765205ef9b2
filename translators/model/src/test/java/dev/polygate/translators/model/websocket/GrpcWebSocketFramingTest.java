package dev.polygate.translators.model.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.translators.model.wire.GrpcException;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The grpc-websockets framing byte by byte: the header block, the first byte of client messages, server frames. */
class GrpcWebSocketFramingTest {
    private static ByteBuf bytes(int... values) {
        ByteBuf buf = Unpooled.buffer();
        for (int value : values) {
            buf.writeByte(value);
        }
        return buf;
    }

    @Test
    void theHeaderBlockIsReadAsLowerCaseNamesWithTrimmedValues() {
        ByteBuf block = Unpooled.copiedBuffer("Content-Type: application/grpc-web+proto\r\nX-Grpc-Web: 1\r\n"
                + "grpc-timeout:  5S \r\nx-multi: a, b\n\r\n", StandardCharsets.US_ASCII);
        HttpHeaders headers = GrpcWebSocketFraming.headerBlock(block);
        block.release();
        assertThat(headers.get("content-type")).isEqualTo("application/grpc-web+proto");
        assertThat(headers.get("x-grpc-web")).isEqualTo("1");
        assertThat(headers.get("grpc-timeout")).isEqualTo("5S");
        assertThat(headers.get("x-multi")).isEqualTo("a, b");
        assertThat(headers.names()).allMatch(name -> name.equals(name.toLowerCase()));
    }

    @Test
    void aHeaderLineWithoutAColonIsInvalidArgument() {
        ByteBuf block = Unpooled.copiedBuffer("content-type application/grpc\r\n", StandardCharsets.US_ASCII);
        try {
            assertThatThrownBy(() -> GrpcWebSocketFraming.headerBlock(block)).isInstanceOf(GrpcException.class)
                    .satisfies(e -> assertThat(((GrpcException) e).code()).isEqualTo(GrpcStatusCode.INVALID_ARGUMENT));
        } finally {
            block.release();
        }
    }

    @Test
    void aHeaderThatHeadersCannotCarryIsInvalidArgument() {
        for (String line : new String[] {"content-type: application\u0000grpc", "x-bad name: 1", "x-c\rr: 1",
            "x-ctl: a\u0001b"}) {
            ByteBuf block = Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.ISO_8859_1);
            try {
                assertThatThrownBy(() -> GrpcWebSocketFraming.headerBlock(block)).as(line)
                        .isInstanceOf(GrpcException.class)
                        .satisfies(e -> assertThat(((GrpcException) e).code()).isEqualTo(GrpcStatusCode.INVALID_ARGUMENT));
            } finally {
                block.release();
            }
        }
    }

    @Test
    void aRequestFrameMayOnlyHaveTheCompressedFlagWhichIsUnimplemented() {
        GrpcWebSocketFraming.checkRequestFlags(0);
        assertThatThrownBy(() -> GrpcWebSocketFraming.checkRequestFlags(1)).isInstanceOf(GrpcException.class)
                .satisfies(e -> assertThat(((GrpcException) e).code()).isEqualTo(GrpcStatusCode.UNIMPLEMENTED));
        for (int flags : new int[] {0x80, 0x81, 0x02, 0x07}) {
            assertThatThrownBy(() -> GrpcWebSocketFraming.checkRequestFlags(flags)).as("flags %02x", flags)
                    .isInstanceOf(GrpcException.class)
                    .satisfies(e -> assertThat(((GrpcException) e).code()).isEqualTo(GrpcStatusCode.INVALID_ARGUMENT));
        }
    }

    @Test
    void aMessageStartsWithZeroAndTheHalfCloseIsTheOneByteOne() {
        ByteBuf messages = bytes(0, 0, 0, 0, 0, 1, 8);
        assertThat(GrpcWebSocketFraming.kind(messages)).isEqualTo(GrpcWebSocketFraming.Kind.MESSAGES);
        assertThat(messages.readerIndex()).as("left on the gRPC frame").isEqualTo(1);
        messages.release();
        ByteBuf halfClose = bytes(1);
        assertThat(GrpcWebSocketFraming.kind(halfClose)).isEqualTo(GrpcWebSocketFraming.Kind.HALF_CLOSE);
        halfClose.release();
    }

    @Test
    void anyOtherStartIsRefused() {
        for (ByteBuf bad : new ByteBuf[] {bytes(), bytes(2), bytes(1, 0), bytes(0x80, 0, 0, 0, 0, 0)}) {
            try {
                assertThatThrownBy(() -> GrpcWebSocketFraming.kind(bad)).isInstanceOf(GrpcException.class);
            } finally {
                bad.release();
            }
        }
    }

    @Test
    void headersMessagesAndTrailersAreGrpcWebFrames() {
        HttpHeaders backend = new DefaultHttpHeaders().add("x-seen", "yes").add("grpc-status", "9");
        ByteBuf headers = GrpcWebSocketFraming.headersFrame(ByteBufAllocator.DEFAULT, backend);
        assertThat(headers.getUnsignedByte(0)).isEqualTo((short) 0x80);
        assertThat(headers.getInt(1)).isEqualTo(headers.readableBytes() - 5);
        assertThat(headers.toString(5, headers.readableBytes() - 5, StandardCharsets.US_ASCII))
                .isEqualTo("content-type:application/grpc-web+proto\r\nx-seen:yes\r\n");
        headers.release();
        ByteBuf trailers = GrpcWebSocketFraming.trailersFrame(ByteBufAllocator.DEFAULT,
                new DefaultHttpHeaders().add("x-end", "1"), new GrpcStatus(GrpcStatusCode.NOT_FOUND, "gone", null));
        String text = trailers.toString(5, trailers.readableBytes() - 5, StandardCharsets.US_ASCII);
        assertThat(trailers.getUnsignedByte(0)).isEqualTo((short) 0x80);
        assertThat(text).contains("x-end:1\r\n").contains("grpc-status:5\r\n").contains("grpc-message:gone\r\n")
                .doesNotContain("content-type");
        trailers.release();
        ByteBuf only = GrpcWebSocketFraming.trailersOnlyFrame(ByteBufAllocator.DEFAULT, new DefaultHttpHeaders(),
                GrpcStatus.OK);
        assertThat(ByteBufUtil.hexDump(only, 0, 1)).isEqualTo("80");
        assertThat(only.toString(5, only.readableBytes() - 5, StandardCharsets.US_ASCII))
                .contains("content-type:application/grpc-web+proto").contains("grpc-status:0");
        only.release();
    }
}
