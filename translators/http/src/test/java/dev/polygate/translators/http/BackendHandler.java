package dev.polygate.translators.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Answers one HTTP/1.1 connection's requests, or one HTTP/2 stream, by path:
 * {@code /echo} streams the body back (with the request's trailers as response trailers);
 * {@code /count} answers the body's length, {@code /count-slowly} too after reading it at a crawl; {@code /bytes/N} streams N bytes;
 * {@code /slow/MS} answers after MS milliseconds; {@code /hang} never answers;
 * {@code /close-mid} sends a head and part of the body, then closes; {@code /close-early} closes at once;
 * {@code /trailers} answers with trailers; {@code /garbage} answers with an unparsable status line; {@code /leading-space} (h2 only) with
 * a header value that starts with a space;
 * {@code /interim} sends 100 and 103 before the answer (HTTP/1.1); anything else answers {@code hello from NAME}.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {
    private static final int CHUNK = 16 * 1024;
    private final TestBackend backend;
    private final String protocol;
    private final Channel connection;
    private RecordedRequest current;
    private long bodyBytes;
    private int requestsSeen;
    private long toGenerate;

    BackendHandler(TestBackend backend, String protocol, Channel connection) {
        this.backend = backend;
        this.protocol = protocol;
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            onHead(ctx, request);
        }
        if (msg instanceof HttpContent content) {
            try {
                onContent(ctx, content);
            } finally {
                content.release();
            }
        }
    }

    private void onHead(ChannelHandlerContext ctx, HttpRequest request) {
        requestsSeen++;
        if (backend.closeReusedConnections && requestsSeen > 1 && protocol.equals("HTTP/1.1")) {
            ctx.channel().close();
            return;
        }
        bodyBytes = 0;
        current = new RecordedRequest(request.method().name(), request.uri(), new DefaultHttpHeaders().set(request.headers()),
                protocol, connection.id().asLongText());
        backend.requests.add(current);
        String path = request.uri();
        if (path.startsWith("/echo")) {
            ctx.writeAndFlush(streamingHead(HttpResponseStatus.OK));
        } else if (path.startsWith("/count-slowly")) {
            // Reads one batch per millisecond, so the proxy's socket fills and it must hold the client back.
            ctx.channel().config().setAutoRead(false);
            readSlowly(ctx);
        } else if (path.startsWith("/hang")) {
            backend.hanging.add(ctx.channel());
        } else if (path.startsWith("/close-early")) {
            ctx.channel().close();
        } else if (path.startsWith("/garbage")) {
            // Straight to the socket, past the codec: not a status line any client can parse.
            ctx.pipeline().firstContext().writeAndFlush(Unpooled.copiedBuffer("HTTP/1.1 abc nonsense\r\n\r\n",
                    StandardCharsets.US_ASCII));
        } else if (path.startsWith("/interim")) {
            ctx.write(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(103)));
        } else if (path.startsWith("/close-mid")) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            HttpUtil.setContentLength(head, 1000);
            ctx.write(head);
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[100])))
                    .addListener(f -> ctx.channel().close());
        }
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (current == null) {
            return;
        }
        bodyBytes += content.content().readableBytes();
        String path = current.uri;
        if (path.startsWith("/echo") && content.content().isReadable()) {
            ctx.writeAndFlush(new DefaultHttpContent(content.content().retain()));
            if (!ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }
        if (!(content instanceof LastHttpContent last)) {
            return;
        }
        current.trailers = new DefaultHttpHeaders().set(last.trailingHeaders());
        current.bodyBytes.complete(bodyBytes);
        if (path.startsWith("/echo")) {
            LastHttpContent end = new DefaultLastHttpContent();
            end.trailingHeaders().set(last.trailingHeaders());
            ctx.writeAndFlush(end);
        } else if (path.startsWith("/count")) {
            ctx.writeAndFlush(text(String.valueOf(bodyBytes)));
        } else if (path.startsWith("/bytes/")) {
            toGenerate = Long.parseLong(path.substring("/bytes/".length()));
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            HttpUtil.setContentLength(head, toGenerate);
            ctx.write(head);
            generate(ctx);
        } else if (path.startsWith("/slow/")) {
            long millis = Long.parseLong(path.substring("/slow/".length()));
            ctx.executor().schedule(() -> ctx.writeAndFlush(text("slow")), millis, TimeUnit.MILLISECONDS);
        } else if (path.startsWith("/trailers")) {
            ctx.write(streamingHead(HttpResponseStatus.OK));
            ctx.write(new DefaultHttpContent(Unpooled.copiedBuffer("ok", StandardCharsets.UTF_8)));
            LastHttpContent end = new DefaultLastHttpContent();
            end.trailingHeaders().set("x-checksum", "abc123");
            ctx.writeAndFlush(end);
        } else if (path.startsWith("/leading-space")) {
            // A field value may not start with whitespace (RFC 9110 5.5, RFC 9113 8.2.1); grpc-java sends one when a
            // status message starts with a space. HTTP/1.1 parsers drop it as optional whitespace; on HTTP/2 the
            // response is malformed.
            // Straight to the stream, past the codec, whose headers would refuse the value.
            ctx.pipeline().firstContext().writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers(false)
                    .status("200").add("x-message", " starts with a space"), true));
        } else if (!path.startsWith("/hang") && !path.startsWith("/close") && !path.startsWith("/garbage")) {
            FullHttpResponse hello = text("hello from " + backend.name());
            hello.headers().set("x-backend", backend.name());
            hello.headers().set("connection", "x-drop-me");
            hello.headers().set("x-drop-me", "1");
            hello.headers().set("keep-alive", "timeout=5");
            ctx.writeAndFlush(hello);
        }
    }

    private void readSlowly(ChannelHandlerContext ctx) {
        if (current != null && !current.bodyBytes.isDone() && ctx.channel().isActive()) {
            ctx.read();
            ctx.executor().schedule(() -> readSlowly(ctx), 1, TimeUnit.MILLISECONDS);
        } else {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** Writes while the channel takes more, then continues when it drains: the backend never buffers much. */
    private void generate(ChannelHandlerContext ctx) {
        while (toGenerate > 0 && ctx.channel().isWritable()) {
            int size = (int) Math.min(CHUNK, toGenerate);
            toGenerate -= size;
            ByteBuf chunk = ctx.alloc().buffer(size).writeZero(size);
            ctx.writeAndFlush(toGenerate == 0 ? new DefaultLastHttpContent(chunk) : new DefaultHttpContent(chunk));
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            if (toGenerate > 0) {
                generate(ctx);
            }
            ctx.channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private static HttpResponse streamingHead(HttpResponseStatus status) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        HttpUtil.setTransferEncodingChunked(head, true);
        return head;
    }

    private static FullHttpResponse text(String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        HttpUtil.setContentLength(response, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        return response;
    }
}
