package dev.polygate.translators.model.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.Descriptors;
import dev.polygate.spi.ClientInfo;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.RequestBody;
import dev.polygate.spi.RequestHead;
import dev.polygate.spi.ResponseSink;
import dev.polygate.spi.websocket.WebSocketCloseCodes;
import dev.polygate.spi.websocket.WebSocketFrame;
import dev.polygate.spi.websocket.WebSocketFrameType;
import dev.polygate.spi.websocket.WebSocketSession;
import dev.polygate.test.v1.LibraryProto;
import dev.polygate.translators.model.call.CallListener;
import dev.polygate.translators.model.call.CallOpener;
import dev.polygate.translators.model.call.MessageCall;
import dev.polygate.translators.model.wire.GrpcException;
import dev.polygate.translators.model.wire.GrpcFrames;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames a session's client sends, as the edge hands them over (fragments in order, control frames whole),
 * to the WebSocket ingress's parsing. The first input byte picks the framing (bit 0: the JSON framing's message
 * assembly, else a {@code grpc-websockets} call), whether the method streams requests (bit 1) and the message limit
 * (the other bits, times 4); then each frame is a byte of type (bits 0-2: continuation, text, binary, ping, pong)
 * and fin (bit 3), a byte of length and the payload.
 *
 * <p>On {@code grpc-websockets} the backend must receive exactly the messages a plain reading of the header block and
 * the {@code 0x00}-prefixed gRPC frames finds, and a half-close when the client sent one, or the session must end
 * with the status that reading gives (INVALID_ARGUMENT, RESOURCE_EXHAUSTED, UNIMPLEMENTED, INTERNAL) in a trailers
 * frame and a Close 1000. On the JSON framing the whole messages must be exactly the joined fragments, a message
 * over the limit refused with RESOURCE_EXHAUSTED. Any other exception, a difference, or a buffer left allocated once
 * the client is gone is a crash.
 */
class WebSocketIngressFuzzTest {
    private static final WebSocketFrameType[] TYPES = {WebSocketFrameType.CONTINUATION, WebSocketFrameType.TEXT,
        WebSocketFrameType.BINARY, WebSocketFrameType.PING, WebSocketFrameType.PONG, WebSocketFrameType.BINARY,
        WebSocketFrameType.TEXT, WebSocketFrameType.CONTINUATION};
    private static final Descriptors.ServiceDescriptor LIBRARY = LibraryProto.getDescriptor()
            .findServiceByName("Library");

    @FuzzTest(maxDuration = "3s")
    void parsesOrFailsWithAStatus(byte[] input) {
        if (input.length < 1) {
            return;
        }
        boolean json = (input[0] & 1) != 0;
        boolean clientStreaming = (input[0] & 2) != 0;
        int limit = ((input[0] & 0xff) >> 2) * 4;
        List<ClientFrame> frames = ClientFrame.asTheEdgeDeliversThem(input);
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
        if (json) {
            assemblesLikeAPlainReading(frames, limit, alloc);
        } else {
            callsLikeAPlainReading(frames, limit, clientStreaming, alloc);
        }
        assertThat(alloc.metric().usedHeapMemory() + alloc.metric().usedDirectMemory()).as("bytes left allocated")
                .isZero();
    }

    private static void assemblesLikeAPlainReading(List<ClientFrame> frames, int limit,
                                                   UnpooledByteBufAllocator alloc) {
        MessageAssembler assembler = new MessageAssembler(limit);
        List<String> outcomes = new ArrayList<>();
        for (ClientFrame frame : frames) {
            if (frame.type.isControl()) {
                continue;
            }
            try {
                MessageAssembler.Whole whole = assembler.add(frame.toFrame(alloc));
                if (whole != null) {
                    outcomes.add((whole.text() ? "text " : "binary ") + ByteBufUtil.hexDump(whole.payload()));
                    whole.payload().release();
                }
            } catch (GrpcException e) {
                outcomes.add(e.code().name());
            }
        }
        assembler.release();
        List<String> expected = new ArrayList<>();
        for (ClientMessage message : ClientMessage.of(frames)) {
            if (message.size() > limit) {
                expected.add(GrpcStatusCode.RESOURCE_EXHAUSTED.name());
            } else if (message.complete) {
                expected.add((message.text ? "text " : "binary ") + ByteBufUtil.hexDump(message.bytes()));
            }
        }
        assertThat(outcomes).isEqualTo(expected);
    }

    private static void callsLikeAPlainReading(List<ClientFrame> frames, int limit, boolean clientStreaming,
                                               UnpooledByteBufAllocator alloc) {
        Descriptors.MethodDescriptor method = LIBRARY.findMethodByName(clientStreaming ? "ImportBooks" : "GetShelf");
        RecordingSession client = new RecordingSession();
        RecordingBackend backend = new RecordingBackend();
        GrpcWebSocketSession session = new GrpcWebSocketSession(client, headers -> new SessionCalls(
                new NoClientExchange(), backend, method, headers, 0, new SessionWritability(client)), limit);
        for (ClientFrame frame : frames) {
            session.onFrame(frame.toFrame(alloc));
        }
        session.onError(WebSocketCloseCodes.ABNORMAL, "the client's connection closed");

        GrpcPlainReading expected = GrpcPlainReading.of(ClientMessage.of(frames), limit, clientStreaming);
        assertThat(backend.messages).as("request messages").isEqualTo(expected.messages());
        assertThat(client.status).as("the status of a failed session").isEqualTo(expected.failure());
        if (expected.failure() == null) {
            assertThat(backend.halfClosed).as("half-closed").isEqualTo(expected.halfClosed());
            assertThat(client.closeCode).as("a Close of a session that did not fail").isNull();
        } else {
            assertThat(client.closeCode).as("the Close after the trailers").isEqualTo(WebSocketCloseCodes.NORMAL);
        }
    }

    /** One frame of the input. */
    private record ClientFrame(WebSocketFrameType type, boolean fin, byte[] payload) {
        /** The input's frames without those the edge refuses itself: fragments out of order. */
        static List<ClientFrame> asTheEdgeDeliversThem(byte[] input) {
            List<ClientFrame> frames = new ArrayList<>();
            boolean inMessage = false;
            int at = 1;
            while (at < input.length) {
                int head = input[at++] & 0xff;
                int length = at < input.length ? input[at++] & 0xff : 0;
                length = Math.min(length, input.length - at);
                byte[] payload = java.util.Arrays.copyOfRange(input, at, at + length);
                at += length;
                WebSocketFrameType type = TYPES[head & 7];
                boolean fin = (head & 8) != 0;
                if (type.isControl()) {
                    frames.add(new ClientFrame(type, true, java.util.Arrays.copyOf(payload, Math.min(length, 125))));
                } else if (inMessage == (type == WebSocketFrameType.CONTINUATION)) {
                    frames.add(new ClientFrame(type, fin, payload));
                    inMessage = !fin;
                }
            }
            return frames;
        }

        WebSocketFrame toFrame(UnpooledByteBufAllocator alloc) {
            return new WebSocketFrame(type, fin, alloc.buffer(payload.length).writeBytes(payload));
        }
    }

    /** The data frames of one message joined. */
    record ClientMessage(boolean text, ByteArrayOutputStream joined, boolean complete) {
        static List<ClientMessage> of(List<ClientFrame> frames) {
            List<ClientMessage> messages = new ArrayList<>();
            ByteArrayOutputStream joined = null;
            boolean text = false;
            for (ClientFrame frame : frames) {
                if (frame.type.isControl()) {
                    continue;
                }
                if (frame.type != WebSocketFrameType.CONTINUATION) {
                    joined = new ByteArrayOutputStream();
                    text = frame.type == WebSocketFrameType.TEXT;
                }
                joined.writeBytes(frame.payload);
                if (frame.fin) {
                    messages.add(new ClientMessage(text, joined, true));
                    joined = null;
                }
            }
            if (joined != null) {
                messages.add(new ClientMessage(text, joined, false));
            }
            return messages;
        }

        int size() {
            return joined.size();
        }

        byte[] bytes() {
            return joined.toByteArray();
        }
    }

    /** What reading the messages of a grpc-websockets session one after the other finds. */
    private record GrpcPlainReading(List<String> messages, GrpcStatusCode failure, boolean halfClosed) {
        static GrpcPlainReading of(List<ClientMessage> messages, int limit, boolean clientStreaming) {
            List<String> requests = new ArrayList<>();
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            boolean headerBlockRead = false;
            boolean halfClosed = false;
            for (ClientMessage message : messages) {
                if (message.size() > limit + GrpcFrames.HEADER_BYTES + 1) {
                    return new GrpcPlainReading(requests, GrpcStatusCode.RESOURCE_EXHAUSTED, halfClosed);
                }
                if (!message.complete) {
                    break;
                }
                byte[] bytes = message.bytes();
                if (!headerBlockRead) {
                    headerBlockRead = true;
                    if (!headerLinesHaveNames(bytes)) {
                        return new GrpcPlainReading(requests, GrpcStatusCode.INVALID_ARGUMENT, false);
                    }
                    continue;
                }
                boolean halfClose = bytes.length == 1 && bytes[0] == 1;
                if (!halfClose && (bytes.length == 0 || bytes[0] != 0)) {
                    return new GrpcPlainReading(requests, GrpcStatusCode.INVALID_ARGUMENT, halfClosed);
                }
                if (halfClosed || halfClose && stream.size() > 0) {
                    return new GrpcPlainReading(requests, GrpcStatusCode.INTERNAL, halfClosed);
                }
                if (halfClose) {
                    halfClosed = true;
                    continue;
                }
                stream.write(bytes, 1, bytes.length - 1);
                byte[] pending = stream.toByteArray();
                int at = 0;
                while (pending.length - at >= GrpcFrames.HEADER_BYTES) {
                    int flags = pending[at] & 0xff;
                    long length = ((pending[at + 1] & 0xffL) << 24) | ((pending[at + 2] & 0xff) << 16)
                            | ((pending[at + 3] & 0xff) << 8) | (pending[at + 4] & 0xff);
                    if (length > limit) {
                        return new GrpcPlainReading(requests, GrpcStatusCode.RESOURCE_EXHAUSTED, false);
                    }
                    if (pending.length - at - GrpcFrames.HEADER_BYTES < length) {
                        break;
                    }
                    if ((flags & ~GrpcFrames.COMPRESSED) != 0) {
                        return new GrpcPlainReading(requests, GrpcStatusCode.INVALID_ARGUMENT, false);
                    }
                    if (flags != 0) {
                        return new GrpcPlainReading(requests, GrpcStatusCode.UNIMPLEMENTED, false);
                    }
                    if (!requests.isEmpty() && !clientStreaming) {
                        return new GrpcPlainReading(requests, GrpcStatusCode.INTERNAL, false);
                    }
                    requests.add(ByteBufUtil.hexDump(pending, at + GrpcFrames.HEADER_BYTES, (int) length));
                    at += GrpcFrames.HEADER_BYTES + (int) length;
                }
                stream.reset();
                stream.write(pending, at, pending.length - at);
            }
            return new GrpcPlainReading(requests, null, halfClosed);
        }

        /** An HTTP token (RFC 9110 section 5.6.2). */
        private static boolean token(String name) {
            return !name.isEmpty() && name.chars().allMatch(c -> c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0);
        }

        /** Field content: no control characters but horizontal tab. */
        private static boolean fieldValue(String value) {
            return value.chars().noneMatch(c -> c < 0x20 && c != '\t' || c == 0x7f);
        }

        /** Every non-empty line of the header block is a name, a colon and a value that HTTP headers can carry. */
        private static boolean headerLinesHaveNames(byte[] block) {
            String text = new String(block, StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                boolean beforeNewline = i < lines.length - 1;
                String content = beforeNewline && line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                if (content.isEmpty()) {
                    continue;
                }
                int colon = content.indexOf(':');
                if (colon < 1 || !token(content.substring(0, colon).trim())
                        || !fieldValue(content.substring(colon + 1).trim())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The edge's side of the session: keeps the status of the trailers frame sent and the Close. */
    private static final class RecordingSession implements WebSocketSession {
        GrpcStatusCode status;
        Integer closeCode;

        @Override
        public void send(WebSocketFrame frame) {
            ByteBuf payload = frame.payload();
            try {
                if (frame.type() == WebSocketFrameType.BINARY && payload.isReadable()
                        && payload.getUnsignedByte(payload.readerIndex()) == GrpcFrames.TRAILERS) {
                    String block = payload.toString(payload.readerIndex() + GrpcFrames.HEADER_BYTES,
                            payload.readableBytes() - GrpcFrames.HEADER_BYTES, StandardCharsets.ISO_8859_1);
                    for (String line : block.split("\r\n")) {
                        if (line.startsWith("grpc-status:")) {
                            assertThat(status).as("a second status").isNull();
                            status = GrpcStatusCode.of(Integer.parseInt(line.substring(12).trim()));
                        }
                    }
                }
            } finally {
                payload.release();
            }
        }

        @Override
        public void close(int code, String reason) {
            if (closeCode == null) {
                closeCode = code;
            }
        }

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public void onWritabilityChanged(Runnable listener) {
        }

        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }

        @Override
        public boolean isOpen() {
            return closeCode == null;
        }

        @Override
        public String subprotocol() {
            return GrpcWebSocketFraming.SUBPROTOCOL;
        }
    }

    /** A backend that takes every request message, always ready, and never answers. */
    private static final class RecordingBackend implements CallOpener, MessageCall {
        final List<String> messages = new ArrayList<>();
        boolean halfClosed;

        @Override
        public MessageCall open(Exchange client, Descriptors.MethodDescriptor method, HttpHeaders metadata,
                                CallListener listener) {
            return this;
        }

        @Override
        public void start() {
        }

        @Override
        public void sendMessage(ByteBuf message) {
            messages.add(ByteBufUtil.hexDump(message));
            message.release();
        }

        @Override
        public void halfClose() {
            halfClosed = true;
        }

        @Override
        public void cancel() {
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void onReady(Runnable listener) {
        }
    }

    /** The handshake's exchange, of which the calls of this test use nothing but the head. */
    private static final class NoClientExchange implements Exchange {
        private RequestHead head = new RequestHead("GET", "/polygate.test.v1.Library/GetShelf",
                "/polygate.test.v1.Library/GetShelf", "fuzz.example", "http", new DefaultHttpHeaders());

        @Override
        public RequestHead request() {
            return head;
        }

        @Override
        public void request(RequestHead newHead) {
            head = newHead;
        }

        @Override
        public RequestBody requestBody() {
            return null;
        }

        @Override
        public ResponseSink response() {
            return null;
        }

        @Override
        public ClientInfo client() {
            return null;
        }

        private final dev.polygate.spi.ExchangeContext context = new dev.polygate.spi.ExchangeContext("test");

        @Override
        public dev.polygate.spi.ExchangeContext context() {
            return context;
        }

        @Override
        public String routeName() {
            return "fuzz";
        }

        @Override
        public EventExecutor executor() {
            return ImmediateEventExecutor.INSTANCE;
        }

        @Override
        public void onCancel(Runnable action) {
        }

        @Override
        public void upstream(String endpoint) {
        }
    }
}
