package dev.polygate.translators.model.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.spi.websocket.WebSocketFrame;
import dev.polygate.spi.websocket.WebSocketFrameType;
import dev.polygate.translators.model.wire.GrpcException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Fragments of one message joined up to the limit; every buffer released whatever happens. */
class MessageAssemblerTest {
    private static WebSocketFrame frame(WebSocketFrameType type, boolean fin, String text) {
        return new WebSocketFrame(type, fin, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    @Test
    void aWholeFrameIsAMessage() {
        MessageAssembler assembler = new MessageAssembler(100);
        MessageAssembler.Whole whole = assembler.add(frame(WebSocketFrameType.TEXT, true, "{}"));
        assertThat(whole.text()).isTrue();
        assertThat(whole.payload().toString(StandardCharsets.UTF_8)).isEqualTo("{}");
        whole.payload().release();
        MessageAssembler.Whole binary = assembler.add(frame(WebSocketFrameType.BINARY, true, "b"));
        assertThat(binary.text()).isFalse();
        binary.payload().release();
    }

    @Test
    void fragmentsAreJoined() {
        MessageAssembler assembler = new MessageAssembler(100);
        assertThat(assembler.add(frame(WebSocketFrameType.TEXT, false, "{\"a\":"))).isNull();
        assertThat(assembler.add(frame(WebSocketFrameType.CONTINUATION, false, "1"))).isNull();
        MessageAssembler.Whole whole = assembler.add(frame(WebSocketFrameType.CONTINUATION, true, "}"));
        assertThat(whole.payload().toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        whole.payload().release();
    }

    @Test
    void aMessagePastTheLimitIsRefusedAndItsRestSkipped() {
        MessageAssembler assembler = new MessageAssembler(4);
        assertThat(assembler.add(frame(WebSocketFrameType.TEXT, false, "123"))).isNull();
        assertThatThrownBy(() -> assembler.add(frame(WebSocketFrameType.CONTINUATION, false, "45")))
                .isInstanceOf(GrpcException.class).hasMessageContaining("larger than 4 bytes");
        assertThat(assembler.add(frame(WebSocketFrameType.CONTINUATION, true, "6"))).isNull();
        MessageAssembler.Whole next = assembler.add(frame(WebSocketFrameType.TEXT, true, "ok"));
        assertThat(next.payload().toString(StandardCharsets.UTF_8)).isEqualTo("ok");
        next.payload().release();
        assertThatThrownBy(() -> assembler.add(frame(WebSocketFrameType.TEXT, true, "12345")))
                .isInstanceOf(GrpcException.class);
    }

    @Test
    void releaseDropsAMessageInProgress() {
        MessageAssembler assembler = new MessageAssembler(100);
        ByteBuf payload = Unpooled.copiedBuffer("part", StandardCharsets.UTF_8);
        assembler.add(new WebSocketFrame(WebSocketFrameType.TEXT, false, payload));
        assembler.release();
        assertThat(payload.refCnt()).isZero();
    }
}
