package dev.polygate.translators.grpc.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.StringValue;
import dev.polygate.spi.BodySubscriber;
import dev.polygate.spi.GatewayException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Messages offered in one task of the call's executor leave together, as one chunk, when the task ends. */
class MessageBodyTest {
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final MessageBody body = new MessageBody(loop, new MessageBatch(ByteBufAllocator.DEFAULT));
    private final Recorder recorder = new Recorder();

    @AfterEach
    void stop() throws Exception {
        on(() -> {
            body.discardQueued();
            recorder.chunks.forEach(ByteBuf::release);
            return null;
        });
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** Each chunk as the hex of its bytes, and how the body ended. */
    private static final class Recorder implements BodySubscriber {
        final List<ByteBuf> chunks = new ArrayList<>();
        String end;

        @Override
        public void onData(ByteBuf chunk) {
            chunks.add(chunk);
        }

        @Override
        public void onEnd(HttpHeaders trailers) {
            end = "end";
        }

        @Override
        public void onError(GatewayException error) {
            end = "error: " + error.detail();
        }

        List<String> hex() {
            return chunks.stream().map(ByteBufUtil::hexDump).toList();
        }
    }

    private <T> T on(Callable<T> task) throws Exception {
        return loop.submit(task).get(5, TimeUnit.SECONDS);
    }

    private static String frame(String hexPayload) {
        return String.format("00%08x", hexPayload.length() / 2) + hexPayload;
    }

    @Test
    void messagesOfOneTaskLeaveAsOneChunkWhenItEnds() throws Exception {
        StringValue message = StringValue.of("hi");
        int seenDuringTheTask = on(() -> {
            body.subscribe(recorder);
            body.offer(message);
            body.offer(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
            body.offer(message);
            return recorder.chunks.size();
        });
        assertThat(seenDuringTheTask).isZero();
        String serialized = ByteBufUtil.hexDump(message.toByteArray());
        assertThat(on(recorder::hex)).containsExactly(frame(serialized) + frame("010203") + frame(serialized));
    }

    @Test
    void aLoneMessageLeavesAsSoonAsItsTaskEnds() throws Exception {
        on(() -> {
            body.subscribe(recorder);
            return null;
        });
        on(() -> {
            body.offer(Unpooled.wrappedBuffer(new byte[] {7}));
            return null;
        });
        assertThat(on(recorder::hex)).containsExactly(frame("07"));
        on(() -> {
            body.offer(Unpooled.wrappedBuffer(new byte[] {8}));
            return null;
        });
        assertThat(on(recorder::hex)).containsExactly(frame("07"), frame("08"));
    }

    @Test
    void theEndTakesWhatIsQueuedAlongAtOnce() throws Exception {
        List<String> atTheEnd = on(() -> {
            body.subscribe(recorder);
            body.offer(Unpooled.wrappedBuffer(new byte[] {1}));
            body.end();
            return recorder.hex();
        });
        assertThat(atTheEnd).containsExactly(frame("01"));
        assertThat(on(() -> recorder.end)).isEqualTo("end");
    }

    @Test
    void nothingLeavesWhilePausedAndAllOfItOnResume() throws Exception {
        on(() -> {
            body.subscribe(recorder);
            body.pause();
            body.offer(Unpooled.wrappedBuffer(new byte[] {1}));
            return null;
        });
        on(() -> {
            body.offer(Unpooled.wrappedBuffer(new byte[] {2}));
            return null;
        });
        assertThat(on(recorder::hex)).isEmpty();
        assertThat(on(body::isReady)).isFalse();
        on(() -> {
            body.resume();
            return null;
        });
        assertThat(on(recorder::hex)).containsExactly(frame("01") + frame("02"));
        assertThat(on(body::isReady)).isTrue();
    }

    @Test
    void aLargeMessageLeavesAfterTheBatchBeforeIt() throws Exception {
        byte[] large = new byte[MessageBatch.MAX_BYTES];
        on(() -> {
            body.subscribe(recorder);
            body.offer(Unpooled.wrappedBuffer(new byte[] {1}));
            body.offer(Unpooled.wrappedBuffer(large));
            body.offer(Unpooled.wrappedBuffer(new byte[] {2}));
            return null;
        });
        List<String> chunks = on(recorder::hex);
        assertThat(chunks).hasSize(3);
        assertThat(chunks.get(0)).isEqualTo(frame("01"));
        assertThat(chunks.get(1)).isEqualTo(frame(ByteBufUtil.hexDump(large)));
        assertThat(chunks.get(2)).isEqualTo(frame("02"));
    }

    @Test
    void whatIsOfferedAfterTheCallEndedIsDropped() throws Exception {
        on(() -> {
            body.subscribe(recorder);
            body.offer(Unpooled.wrappedBuffer(new byte[] {1}));
            body.discardQueued();
            body.offer(Unpooled.wrappedBuffer(new byte[] {2}));
            return null;
        });
        assertThat(on(recorder::hex)).isEmpty();
        assertThat(on(() -> recorder.end)).isNull();
    }
}
