package dev.polygate.demo;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The demo's HTTP backend, embedded so that {@code ./gateway demo} needs nothing else: a few small JSON
 * resources that show what the gateway forwards, and the browser page under {@code /demo/}.
 */
final class DemoBackend implements AutoCloseable {
    private static final int MAX_ECHO = 1 << 20;
    private final EmbeddedNettyServer server;

    private DemoBackend(EmbeddedNettyServer server) {
        this.server = server;
    }

    /** @param jwksJson the demo issuer's public keys, served at {@code /jwks.json} */
    public static DemoBackend start(String host, int port, String jwksJson) throws InterruptedException {
        return new DemoBackend(EmbeddedNettyServer.start(host, port, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                        new HttpObjectAggregator(MAX_ECHO), new Resources(jwksJson));
            }
        }));
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }

    private static final class Resources extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final String jwksJson;

        Resources(String jwksJson) {
            this.jwksJson = jwksJson;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            if (DemoPages.covers(uri.path())) {
                FullHttpResponse page = DemoPages.answer(uri.path());
                HttpUtil.setKeepAlive(page, HttpUtil.isKeepAlive(request));
                var future = ctx.writeAndFlush(page);
                if (!HttpUtil.isKeepAlive(request)) {
                    future.addListener(ChannelFutureListener.CLOSE);
                }
                return;
            }
            switch (uri.path()) {
                case "/", "/hello" -> reply(ctx, request, HttpResponseStatus.OK,
                        "{\"message\":\"hello from the demo backend\",\"path\":\"" + quote(request.uri()) + "\"}");
                case "/headers" -> reply(ctx, request, HttpResponseStatus.OK, headersJson(request));
                case "/jwks.json" -> reply(ctx, request, HttpResponseStatus.OK, jwksJson);
                case "/echo" -> echo(ctx, request);
                case "/stream" -> stream(ctx, request, intParam(uri, "count", 5), intParam(uri, "intervalMs", 200));
                default -> reply(ctx, request, HttpResponseStatus.NOT_FOUND,
                        "{\"error\":\"the demo backend has no " + quote(uri.path()) + "\"}");
            }
        }

        private static void echo(ChannelHandlerContext ctx, FullHttpRequest request) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    request.content().retain());
            String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, type)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
            ctx.writeAndFlush(response);
        }

        /** Newline-delimited JSON, one line per interval: shows that the gateway streams, not buffers. */
        private static void stream(ChannelHandlerContext ctx, FullHttpRequest request, int count, int intervalMs) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/x-ndjson")
                    .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            HttpUtil.setKeepAlive(head, HttpUtil.isKeepAlive(request));
            ctx.writeAndFlush(head);
            sendLine(ctx, 1, Math.max(1, Math.min(count, 1000)), Math.max(0, Math.min(intervalMs, 10_000)));
        }

        private static void sendLine(ChannelHandlerContext ctx, int n, int count, int intervalMs) {
            if (!ctx.channel().isActive()) {
                return;
            }
            ByteBuf line = Unpooled.copiedBuffer("{\"n\":" + n + ",\"of\":" + count + "}\n", StandardCharsets.UTF_8);
            ctx.writeAndFlush(new DefaultHttpContent(line));
            if (n == count) {
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                return;
            }
            ctx.executor().schedule(() -> sendLine(ctx, n + 1, count, intervalMs), intervalMs, TimeUnit.MILLISECONDS);
        }

        private static String headersJson(FullHttpRequest request) {
            StringBuilder json = new StringBuilder("{\"method\":\"").append(request.method())
                    .append("\",\"uri\":\"").append(quote(request.uri())).append("\",\"headers\":{");
            boolean first = true;
            for (Map.Entry<String, String> header : request.headers()) {
                json.append(first ? "" : ",").append('"').append(quote(header.getKey().toLowerCase(java.util.Locale.ROOT)))
                        .append("\":\"").append(quote(header.getValue())).append('"');
                first = false;
            }
            return json.append("}}").toString();
        }

        private static void reply(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                                  String json) {
            byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.wrappedBuffer(bytes));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
            var future = ctx.writeAndFlush(response);
            if (!HttpUtil.isKeepAlive(request)) {
                future.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private static int intParam(QueryStringDecoder uri, String name, int fallback) {
            try {
                return Integer.parseInt(uri.parameters().getOrDefault(name, java.util.List.of("")).get(0));
            } catch (NumberFormatException e) {
                return fallback;
            }
        }

        private static String quote(String text) {
            return new String(JsonStringEncoder.getInstance().quoteAsString(text));
        }
    }
}
