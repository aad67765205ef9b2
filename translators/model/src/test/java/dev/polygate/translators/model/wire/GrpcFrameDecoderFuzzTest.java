package dev.polygate.translators.model.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Length-prefixed messages cut at arbitrary places. The first input byte sets the message limit (times 4), the
 * second the size of the chunks; the rest is the stream. The decoder must hand over exactly the messages a plain
 * reading of the stream finds, refuse with RESOURCE_EXHAUSTED exactly when a header declares more than the limit,
 * report a partial message exactly when the stream ends inside one, and leave no buffer allocated. Any other
 * exception, or a difference, is a crash.
 */
class GrpcFrameDecoderFuzzTest {

    @FuzzTest(maxDuration = "3s")
    void cutsTheStreamLikeAPlainReading(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int limit = (input[0] & 0xff) * 4;
        int chunkSize = (input[1] & 0x3f) + 1;
        byte[] stream = Arrays.copyOfRange(input, 2, input.length);
        Expected expected = Expected.of(stream, limit);

        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
        GrpcFrameDecoder decoder = new GrpcFrameDecoder(limit);
        List<String> frames = new ArrayList<>();
        GrpcStatusCode refusal = null;
        try {
            for (int from = 0; from < stream.length; from += chunkSize) {
                int length = Math.min(chunkSize, stream.length - from);
                decoder.decode(alloc.buffer(length).writeBytes(stream, from, length), (flags, payload) -> {
                    frames.add(flags + ":" + ByteBufUtil.hexDump(payload));
                    payload.release();
                });
            }
        } catch (GrpcException e) {
            refusal = e.code();
        }
        assertThat(frames).isEqualTo(expected.frames);
        assertThat(refusal).isEqualTo(expected.refusal);
        if (refusal == null) {
            assertThat(decoder.hasPartialFrame()).isEqualTo(expected.partial);
        }
        decoder.release();
        assertThat(alloc.metric().usedHeapMemory() + alloc.metric().usedDirectMemory()).as("bytes left allocated")
                .isZero();
    }

    /** What reading the whole stream at once, header by header, finds. */
    private record Expected(List<String> frames, GrpcStatusCode refusal, boolean partial) {
        static Expected of(byte[] stream, int limit) {
            List<String> frames = new ArrayList<>();
            int at = 0;
            while (stream.length - at >= GrpcFrames.HEADER_BYTES) {
                long length = ((stream[at + 1] & 0xffL) << 24) | ((stream[at + 2] & 0xff) << 16)
                        | ((stream[at + 3] & 0xff) << 8) | (stream[at + 4] & 0xff);
                if (length > limit) {
                    return new Expected(frames, GrpcStatusCode.RESOURCE_EXHAUSTED, false);
                }
                if (stream.length - at - GrpcFrames.HEADER_BYTES < length) {
                    return new Expected(frames, null, true);
                }
                int start = at + GrpcFrames.HEADER_BYTES;
                ByteBuf payload = io.netty.buffer.Unpooled.wrappedBuffer(stream, start, (int) length);
                frames.add((stream[at] & 0xff) + ":" + ByteBufUtil.hexDump(payload));
                at = start + (int) length;
            }
            return new Expected(frames, null, at < stream.length);
        }
    }
}
