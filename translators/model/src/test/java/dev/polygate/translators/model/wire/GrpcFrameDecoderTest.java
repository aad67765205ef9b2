package dev.polygate.translators.model.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrpcFrameDecoderTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    /** Three frames (one empty, one compressed) in one stream of bytes. */
    private static byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf frame : List.of(
                GrpcFrames.frame(ALLOC, 0, "hello".getBytes()),
                GrpcFrames.frame(ALLOC, 0, new byte[0]),
                GrpcFrames.frame(ALLOC, GrpcFrames.COMPRESSED, "a longer second message".getBytes()))) {
            out.writeBytes(ByteBufUtil.getBytes(frame));
            frame.release();
        }
        return out.toByteArray();
    }

    private static List<String> decodeSplit(byte[] bytes, int... cuts) {
        GrpcFrameDecoder decoder = new GrpcFrameDecoder(1024);
        List<String> frames = new ArrayList<>();
        int from = 0;
        int[] ends = java.util.Arrays.copyOf(cuts, cuts.length + 1);
        ends[cuts.length] = bytes.length;
        for (int end : ends) {
            decoder.decode(ALLOC.buffer().writeBytes(bytes, from, end - from), (flags, payload) -> {
                frames.add(flags + ":" + payload.toString(java.nio.charset.StandardCharsets.UTF_8));
                payload.release();
            });
            from = end;
        }
        assertThat(decoder.hasPartialFrame()).isFalse();
        decoder.release();
        return frames;
    }

    @Test
    void decodesFramesSplitAtEveryOffset() {
        byte[] bytes = stream();
        List<String> expected = List.of("0:hello", "0:", "1:a longer second message");
        assertThat(decodeSplit(bytes)).isEqualTo(expected);
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(decodeSplit(bytes, cut)).as("cut at %d", cut).isEqualTo(expected);
        }
        for (int a = 0; a <= bytes.length; a++) {
            for (int b = a; b <= bytes.length; b++) {
                assertThat(decodeSplit(bytes, a, b)).as("cuts at %d and %d", a, b).isEqualTo(expected);
            }
        }
    }

    @Test
    void decodesByteByByte() {
        byte[] bytes = stream();
        int[] cuts = new int[bytes.length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        assertThat(decodeSplit(bytes, cuts)).containsExactly("0:hello", "0:", "1:a longer second message");
    }

    @Test
    void rejectsAnOversizedMessageFromItsHeaderAlone() {
        GrpcFrameDecoder decoder = new GrpcFrameDecoder(10);
        ByteBuf header = ALLOC.buffer().writeByte(0).writeInt(11);
        assertThatThrownBy(() -> decoder.decode(header, (f, p) -> p.release()))
                .isInstanceOfSatisfying(GrpcException.class,
                        e -> assertThat(e.code()).isEqualTo(GrpcStatusCode.RESOURCE_EXHAUSTED))
                .hasMessageContaining("11 bytes").hasMessageContaining("limit of 10");
        assertThat(header.refCnt()).isZero();
        decoder.release();
    }

    @Test
    void rejectsALengthBeyondTwoGigabytes() {
        GrpcFrameDecoder decoder = new GrpcFrameDecoder(Integer.MAX_VALUE);
        ByteBuf header = ALLOC.buffer().writeByte(0).writeInt(0xffffffff);
        assertThatThrownBy(() -> decoder.decode(header, (f, p) -> p.release()))
                .isInstanceOf(GrpcException.class).hasMessageContaining("4294967295");
    }

    @Test
    void acceptsAMessageOfExactlyTheLimit() {
        GrpcFrameDecoder decoder = new GrpcFrameDecoder(3);
        List<Integer> sizes = new ArrayList<>();
        decoder.decode(GrpcFrames.frame(ALLOC, 0, new byte[3]), (f, p) -> {
            sizes.add(p.readableBytes());
            p.release();
        });
        assertThat(sizes).containsExactly(3);
    }

    @Test
    void reportsATruncatedFrameAndReleasesWhatItHeld() {
        byte[] bytes = stream();
        for (int end = 1; end < 10; end++) {
            GrpcFrameDecoder decoder = new GrpcFrameDecoder(1024);
            decoder.decode(ALLOC.buffer().writeBytes(bytes, 0, end), (f, p) -> p.release());
            assertThat(decoder.hasPartialFrame()).as("after %d bytes", end).isTrue();
            decoder.release();
        }
    }

    @Test
    void aMessageSpanningChunksKeepsNoReferenceToTheChunksOnceDelivered() {
        GrpcFrameDecoder decoder = new GrpcFrameDecoder(1024);
        ByteBuf first = ALLOC.buffer().writeByte(0).writeInt(4).writeByte('a');
        ByteBuf second = ALLOC.buffer().writeBytes("bcd".getBytes());
        List<ByteBuf> payloads = new ArrayList<>();
        decoder.decode(first, (f, p) -> payloads.add(p));
        decoder.decode(second, (f, p) -> payloads.add(p));
        assertThat(payloads).hasSize(1);
        assertThat(payloads.get(0).toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("abcd");
        payloads.get(0).release();
        assertThat(first.refCnt()).isZero();
        assertThat(second.refCnt()).isZero();
    }
}
