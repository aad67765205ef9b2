package dev.polygate.edge.websocket;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.polygate.edge.config.LimitsConfig;
import dev.polygate.edge.config.WebSocketConfig;
import dev.polygate.edge.exchange.DownstreamExchange;
import dev.polygate.edge.exchange.ExchangeObserver;
import dev.polygate.edge.exchange.ExchangeStep;
import dev.polygate.edge.exchange.HttpExchangeHandler;
import dev.polygate.edge.exchange.ServerContext;
import dev.polygate.spi.Translator;
import dev.polygate.spi.websocket.AcceptedHandshake;
import dev.polygate.spi.websocket.WebSocketCloseCodes;
import dev.polygate.spi.websocket.WebSocketFrame;
import dev.polygate.spi.websocket.WebSocketFrameType;
import dev.polygate.spi.websocket.WebSocketHandler;
import dev.polygate.spi.websocket.WebSocketSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary bytes from a client after a successful WebSocket handshake, through the pipeline the edge installs when a
 * translator accepts it (frame decoder with the Close-frame check, permessage-deflate when agreed, the UTF-8 check,
 * the session). The first input byte picks whether the client offers permessage-deflate (bit 0) and the size of
 * the reads (the other bits); the rest is what the client sends, masked as a client must.
 *
 * <p>A crash is: a frame reaching the translator that the RFC forbids there (a message over the limit, inflated or
 * not; a control frame over 125 bytes; a fragment out of order; a text message that is not UTF-8); the gateway
 * closing the connection without a Close frame, sending more than one, or sending one whose code is not the
 * protocol error the translator was told of (1002, 1007, 1009) or the answer to the client's own Close; a Close
 * sent on a connection left open; or a buffer still allocated once the connection is gone.
 */
class WebSocketFrameFuzzTest {
    /** Small limits, so that inputs reach them. */
    private static final WebSocketConfig LIMITS = new WebSocketConfig(256, 1024, Duration.ofMinutes(1), Duration.ZERO,
            Duration.ZERO, true);
    private static final Set<Integer> PROTOCOL_ERRORS = Set.of(WebSocketCloseCodes.PROTOCOL_ERROR,
            WebSocketCloseCodes.INVALID_PAYLOAD, WebSocketCloseCodes.MESSAGE_TOO_BIG);
    private static final String HANDSHAKE = "GET /chat HTTP/1.1\r\nHost: fuzz.example\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
    private static final String DEFLATE_OFFER = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";
    private static final ExchangeObserver NO_OBSERVER = new ExchangeObserver() {
        @Override
        public void started(DownstreamExchange exchange) {
        }

        @Override
        public void finished(DownstreamExchange exchange) {
        }
    };

    @FuzzTest(maxDuration = "3s")
    void deliversFramesOrClosesWithAProtocolError(byte[] input) {
        if (input.length < 1) {
            return;
        }
        boolean offerDeflate = (input[0] & 1) != 0;
        int readSize = ((input[0] & 0xff) >> 1) + 1;
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
        RecordingTranslator translator = new RecordingTranslator();
        EmbeddedChannel channel = connected(alloc, translator);
        String handshake = HANDSHAKE + (offerDeflate ? DEFLATE_OFFER : "") + "\r\n";
        channel.writeInbound(Unpooled.copiedBuffer(handshake, StandardCharsets.US_ASCII));
        channel.runPendingTasks();
        assertThat(translator.client).as("the session started").isNotNull();

        for (int from = 1; from < input.length && channel.isOpen(); from += readSize) {
            int length = Math.min(readSize, input.length - from);
            channel.writeInbound(alloc.buffer(length).writeBytes(input, from, length));
            channel.runPendingTasks();
        }
        boolean closedByGateway = !channel.isOpen();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            ByteBuf bytes = (ByteBuf) out;
            written.writeBytes(ByteBufUtil.getBytes(bytes));
            bytes.release();
        }
        channel.finishAndReleaseAll();

        assertThat(translator.violations).as("frames the translator must not see").isEmpty();
        List<Integer> closes = sentCloses(written.toByteArray(), offerDeflate);
        if (!closedByGateway) {
            assertThat(closes).as("Close frames on a connection left open").isEmpty();
        } else {
            assertThat(closes).as("Close frames before the gateway closed the connection").hasSize(1);
            int code = closes.get(0);
            if (translator.clientClose != null) {
                int expected = translator.clientClose == WebSocketCloseCodes.NO_STATUS ? -1 : translator.clientClose;
                assertThat(code).as("the answer to the client's Close %d", translator.clientClose).isEqualTo(expected);
            } else {
                assertThat(code).as("the Close of a failed session").isIn(PROTOCOL_ERRORS);
                assertThat(translator.error).as("the code the translator was told").isEqualTo(code);
            }
        }
        assertThat(alloc.metric().usedHeapMemory() + alloc.metric().usedDirectMemory())
                .as("bytes still allocated after the connection closed").isZero();
    }

    /** A client's connection to a listener whose one route's translator takes every WebSocket. */
    private static EmbeddedChannel connected(UnpooledByteBufAllocator alloc, RecordingTranslator translator) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(alloc);
        ExchangeStep route = WebSocketRouteGate.wrap(translator, "fuzz", LIMITS);
        ServerContext server = new ServerContext("fuzz", route::run, NO_OBSERVER,
                new LimitsConfig(8192, 8192, 1024, 100, 100, Duration.ofMinutes(1)), () -> false);
        channel.pipeline().addLast("http1", new HttpServerCodec());
        channel.pipeline().addLast("exchange", new HttpExchangeHandler(server, false, false));
        return channel;
    }

    /**
     * The codes of the Close frames the gateway sent (-1 for one without a code), read as a client reads them after
     * the 101 answer, which must agree to permessage-deflate exactly when it was offered.
     */
    private static List<Integer> sentCloses(byte[] written, boolean offerDeflate) {
        String text = new String(written, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        assertThat(text).as("the handshake's answer").startsWith("HTTP/1.1 101 ");
        assertThat(text.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT).contains("permessage-deflate"))
                .as("permessage-deflate agreed").isEqualTo(offerDeflate);
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(false, true, 1 << 16));
        client.writeInbound(Unpooled.wrappedBuffer(written, headEnd + 4, written.length - headEnd - 4));
        List<Integer> closes = new ArrayList<>();
        for (Object frame; (frame = client.readInbound()) != null; ) {
            if (frame instanceof CloseWebSocketFrame close) {
                closes.add(close.statusCode());
            }
            ReferenceCountUtil.release(frame);
        }
        assertThat(client.finishAndReleaseAll()).as("a partial frame written").isFalse();
        return closes;
    }

    /** The route's translator: accepts the session and checks every frame the gateway hands it. */
    private static final class RecordingTranslator implements Translator {
        final List<String> violations = new ArrayList<>();
        WebSocketSession client;
        Integer clientClose;
        Integer error;
        private WebSocketFrameType message;
        private final ByteArrayOutputStream messageBytes = new ByteArrayOutputStream();

        @Override
        public boolean acceptsWebSocket() {
            return true;
        }

        @Override
        public void handle(dev.polygate.spi.Exchange exchange) {
            exchange.webSocket().orElseThrow().accept(AcceptedHandshake.of(null), session -> {
                client = session;
                return new WebSocketHandler() {
                    @Override
                    public void onFrame(WebSocketFrame frame) {
                        try {
                            check(frame);
                        } finally {
                            frame.release();
                        }
                    }

                    @Override
                    public void onClose(int code, String reason) {
                        clientClose = code;
                        session.close(code, "");
                    }

                    @Override
                    public void onError(int code, String reason) {
                        if (code != WebSocketCloseCodes.ABNORMAL) {
                            error = code;
                        }
                    }
                };
            });
        }

        private void check(WebSocketFrame frame) {
            int size = frame.payload().readableBytes();
            if (frame.type().isControl()) {
                if (size > 125) {
                    violations.add(frame.type() + " of " + size + " bytes");
                }
                return;
            }
            if (frame.type() == WebSocketFrameType.CONTINUATION ? message == null : message != null) {
                violations.add(frame.type() + " out of order, message " + message);
            }
            if (frame.type() != WebSocketFrameType.CONTINUATION) {
                message = frame.type();
                messageBytes.reset();
            }
            messageBytes.writeBytes(ByteBufUtil.getBytes(frame.payload()));
            if (messageBytes.size() > LIMITS.maxMessageSize()) {
                violations.add("a message of " + messageBytes.size() + " bytes so far");
            }
            if (frame.fin()) {
                if (message == WebSocketFrameType.TEXT && !utf8(messageBytes.toByteArray())) {
                    violations.add("a text message that is not UTF-8");
                }
                message = null;
            }
        }

        private static boolean utf8(byte[] bytes) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes));
                return true;
            } catch (CharacterCodingException e) {
                return false;
            }
        }
    }
}
