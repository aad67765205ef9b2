package dev.polygate.edge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.polygate.edge.config.LimitsConfig;
import dev.polygate.edge.exchange.DownstreamExchange;
import dev.polygate.edge.exchange.ExchangeDispatcher;
import dev.polygate.edge.exchange.ExchangeObserver;
import dev.polygate.edge.exchange.HttpExchangeHandler;
import dev.polygate.edge.exchange.ServerContext;
import dev.polygate.spi.BodySubscriber;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseHead;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Arbitrary bytes from a client on a cleartext HTTP/1.1 connection, through the listener's real pipeline (idle
 * closer, strict codec, exchange handler) to a route that reads the body and answers. A crash is: an exception that
 * reaches the exchange handler (it would close the connection without an answer) or a dispatch failure; a buffer
 * still allocated after the connection is gone; an answer that is not well-formed HTTP/1.1 or whose status is
 * neither the route's 200, 100 Continue nor a 4xx; or a connection closed by the gateway without a complete answer
 * before it. A connection left open is fine: the gateway waits for the rest of a request.
 */
class Http1RequestFuzzTest {
    /** Small limits, so that inputs reach them. */
    private static final LimitsConfig LIMITS = new LimitsConfig(1024, 256, 4096, 100, 100, Duration.ofMinutes(1));
    private static final int READ_SIZE = 61;
    private static final ExchangeObserver NO_OBSERVER = new ExchangeObserver() {
        @Override
        public void started(DownstreamExchange exchange) {
        }

        @Override
        public void finished(DownstreamExchange exchange) {
        }
    };
    private static final Logger EXCHANGE_LOG = Logger.getLogger(HttpExchangeHandler.class.getName());
    private static final List<LogRecord> FAILURES = new ArrayList<>();

    static {
        EXCHANGE_LOG.setLevel(Level.FINE);
        EXCHANGE_LOG.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getThrown() != null) {
                    FAILURES.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @FuzzTest(maxDuration = "3s")
    void answersWithA4xxOrWaits(byte[] input) {
        FAILURES.clear();
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(alloc);
        ServerContext server = new ServerContext("fuzz", new ReadingRoute(), NO_OBSERVER, LIMITS, () -> false);
        new ProtocolPipelines(server, Duration.ofSeconds(1), true).http1(channel.pipeline(), false, false);

        for (int from = 0; from < input.length && channel.isOpen(); from += READ_SIZE) {
            int length = Math.min(READ_SIZE, input.length - from);
            channel.writeInbound(alloc.buffer(length).writeBytes(input, from, length));
            channel.runPendingTasks();
        }
        boolean closedByGateway = !channel.isOpen();
        List<ByteBuf> written = new ArrayList<>();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            written.add((ByteBuf) out);
        }
        channel.finishAndReleaseAll();

        try {
            assertThat(FAILURES).as("exceptions in the pipeline")
                    .extracting(failure -> failure.getMessage() + ": " + stackTrace(failure.getThrown())).isEmpty();
            // A response to HEAD has no body whatever its Content-Length says, which a decoder cannot know.
            if (!new String(input, StandardCharsets.ISO_8859_1).contains("HEAD")) {
                checkAnswers(written, closedByGateway);
            }
        } finally {
            written.forEach(ReferenceCountUtil::release);
        }
        assertThat(alloc.metric().usedHeapMemory() + alloc.metric().usedDirectMemory())
                .as("bytes still allocated after the connection closed").isZero();
    }

    private static String stackTrace(Throwable thrown) {
        java.io.StringWriter text = new java.io.StringWriter();
        thrown.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    private static void checkAnswers(List<ByteBuf> written, boolean closedByGateway) {
        EmbeddedChannel client = new EmbeddedChannel(new HttpResponseDecoder());
        boolean complete = true;
        int answers = 0;
        for (ByteBuf bytes : written) {
            client.writeInbound(bytes.retainedDuplicate());
        }
        for (HttpObject message; (message = client.readInbound()) != null; ) {
            try {
                assertThat(message.decoderResult().isSuccess()).as("answer well-formed: %s", message).isTrue();
                if (message instanceof HttpResponse response) {
                    int status = response.status().code();
                    assertThat(status == 200 || status == 100 || status >= 400 && status < 500)
                            .as("status %d", status).isTrue();
                    answers++;
                    complete = status == 100;
                }
                if (message instanceof LastHttpContent) {
                    complete = true;
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }
        client.finishAndReleaseAll();
        if (closedByGateway) {
            assertThat(answers).as("answers before the gateway closed the connection").isPositive();
            assertThat(complete).as("last answer complete before the close").isTrue();
        }
    }

    /** A route that reads the whole body and answers 200 with its length; under /early it answers at once. */
    private static final class ReadingRoute implements ExchangeDispatcher {
        @Override
        public void dispatch(DownstreamExchange exchange) {
            if (exchange.request().path().startsWith("/early")) {
                answer(exchange, "early");
                return;
            }
            exchange.requestBody().subscribe(new BodySubscriber() {
                private long received;

                @Override
                public void onData(ByteBuf chunk) {
                    received += chunk.readableBytes();
                    chunk.release();
                }

                @Override
                public void onEnd(HttpHeaders trailers) {
                    answer(exchange, "read " + received);
                }

                @Override
                public void onError(GatewayException error) {
                    exchange.response().sendError(error);
                }
            });
        }

        private static void answer(DownstreamExchange exchange, String text) {
            ByteBuf body = Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
            HttpHeaders headers = new DefaultHttpHeaders().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            exchange.response().sendHead(new ResponseHead(200, headers));
            exchange.response().sendData(body);
            exchange.response().sendEnd(EmptyHttpHeaders.INSTANCE);
        }
    }
}
