package dev.polygate.translators.model.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.polygate.spi.BodySubscriber;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.RequestBody;
import dev.polygate.translators.model.wire.GrpcException;
import dev.polygate.translators.model.wire.GrpcFrames;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * A gRPC-Web request body (grpc-web-text or binary) arriving in arbitrary chunks, read as the backend reads it. The
 * first input byte picks text (bit 0) and the chunk size, the second the message limit; the rest is the body. The
 * body must either reach the backend whole, its messages exactly those a plain base64 decoding and frame reading
 * finds, or be refused with INVALID_ARGUMENT or RESOURCE_EXHAUSTED (BAD_REQUEST or PAYLOAD_TOO_LARGE for the
 * backend) exactly when that plain reading finds it invalid. Any other exception, both or neither outcome, or a
 * buffer left allocated is a crash.
 */
class GrpcWebBodyFuzzTest {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

    @FuzzTest(maxDuration = "3s")
    void decodesOrRefusesLikeAPlainReading(byte[] input) {
        if (input.length < 2) {
            return;
        }
        boolean text = (input[0] & 1) != 0;
        int chunkSize = ((input[0] & 0xff) >> 1) + 1;
        int limit = (input[1] & 0xff) * 2;
        byte[] body = Arrays.copyOfRange(input, 2, input.length);
        byte[] plain = text ? plainBase64(body) : body;
        boolean valid = plain != null && framesValid(plain, limit);

        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
        ChunkedClientBody client = new ChunkedClientBody(alloc, body, chunkSize);
        GrpcException[] invalid = new GrpcException[1];
        WebRequestBody webBody = new WebRequestBody(client, text, limit, e -> {
            assertThat(invalid[0]).as("told twice").isNull();
            invalid[0] = e;
        });
        Backend backend = new Backend();
        webBody.subscribe(backend);

        assertThat(backend.ended || backend.error != null).as("the body ended one way").isTrue();
        if (valid) {
            assertThat(backend.ended).as("a valid body reaches the end; refused with %s", invalid[0]).isTrue();
            assertThat(backend.received.toByteArray()).isEqualTo(plain);
        } else {
            assertThat(backend.error).as("an invalid body is refused").isNotNull();
            assertThat(backend.error.kind()).isIn(ErrorKind.BAD_REQUEST, ErrorKind.PAYLOAD_TOO_LARGE);
            assertThat(invalid[0]).isNotNull();
            assertThat(invalid[0].code()).isIn(GrpcStatusCode.INVALID_ARGUMENT, GrpcStatusCode.RESOURCE_EXHAUSTED);
        }
        assertThat(alloc.metric().usedHeapMemory() + alloc.metric().usedDirectMemory()).as("bytes left allocated")
                .isZero();
    }

    /** Base64 decoded group by group, whitespace skipped; null when it is not base64. */
    private static byte[] plainBase64(byte[] body) {
        StringBuilder characters = new StringBuilder();
        for (byte b : body) {
            char c = (char) (b & 0xff);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            if (ALPHABET.indexOf(c) < 0) {
                return null;
            }
            characters.append(c);
        }
        if (characters.length() % 4 != 0) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < characters.length(); i += 4) {
            try {
                out.writeBytes(Base64.getDecoder().decode(characters.substring(i, i + 4)));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return out.toByteArray();
    }

    private static boolean framesValid(byte[] stream, int limit) {
        int at = 0;
        while (at < stream.length) {
            if (stream.length - at < GrpcFrames.HEADER_BYTES) {
                return false;
            }
            long length = ((stream[at + 1] & 0xffL) << 24) | ((stream[at + 2] & 0xff) << 16)
                    | ((stream[at + 3] & 0xff) << 8) | (stream[at + 4] & 0xff);
            if (length > limit || (stream[at] & ~GrpcFrames.COMPRESSED) != 0
                    || stream.length - at - GrpcFrames.HEADER_BYTES < length) {
                return false;
            }
            at += GrpcFrames.HEADER_BYTES + (int) length;
        }
        return true;
    }

    /** The backend: keeps what it receives and how the body ended. */
    private static final class Backend implements BodySubscriber {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean ended;
        GatewayException error;

        @Override
        public void onData(ByteBuf chunk) {
            assertThat(ended || error != null).as("data after the end").isFalse();
            received.writeBytes(ByteBufUtil.getBytes(chunk));
            chunk.release();
        }

        @Override
        public void onEnd(HttpHeaders trailers) {
            assertThat(ended || error != null).as("ended twice").isFalse();
            ended = true;
        }

        @Override
        public void onError(GatewayException e) {
            assertThat(ended || error != null).as("ended twice").isFalse();
            error = e;
        }
    }

    /** The client's body, delivered in fixed-size chunks at once, and again after a pause ends. */
    private static final class ChunkedClientBody implements RequestBody {
        private final UnpooledByteBufAllocator alloc;
        private final byte[] body;
        private final int chunkSize;
        private BodySubscriber subscriber;
        private int next;
        private boolean paused;
        private boolean delivering;
        private boolean finished;

        ChunkedClientBody(UnpooledByteBufAllocator alloc, byte[] body, int chunkSize) {
            this.alloc = alloc;
            this.body = body;
            this.chunkSize = chunkSize;
        }

        @Override
        public void subscribe(BodySubscriber newSubscriber) {
            subscriber = newSubscriber;
            deliver();
        }

        @Override
        public void pause() {
            paused = true;
        }

        @Override
        public void resume() {
            paused = false;
            deliver();
        }

        @Override
        public long declaredLength() {
            return body.length;
        }

        @Override
        public boolean isEmpty() {
            return body.length == 0;
        }

        private void deliver() {
            if (delivering || subscriber == null) {
                return;
            }
            delivering = true;
            while (!paused && !finished) {
                if (next < body.length) {
                    int length = Math.min(chunkSize, body.length - next);
                    ByteBuf chunk = alloc.buffer(length).writeBytes(body, next, length);
                    next += length;
                    subscriber.onData(chunk);
                } else {
                    finished = true;
                    subscriber.onEnd(EmptyHttpHeaders.INSTANCE);
                }
            }
            delivering = false;
        }
    }
}
