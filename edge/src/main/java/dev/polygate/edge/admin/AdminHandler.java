package dev.polygate.edge.admin;

import dev.polygate.edge.docs.DocumentIndex;
import dev.polygate.edge.exchange.ProblemResponse;
import dev.polygate.spi.ApiDocument;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The admin API: {@code /live} (the process runs), {@code /ready} (it takes traffic), {@code /routes},
 * {@code POST /refresh} (translators reload what they learn from backends, e.g. gRPC schemas by reflection),
 * {@code /apis} (each route's API document names) and {@code /apis/{route}/{name}} (one document).
 */
public final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final BooleanSupplier ready;
    private final Supplier<String> routesJson;
    private final Supplier<CompletionStage<String>> refresh;
    private final Supplier<Map<String, List<ApiDocument>>> documents;

    public AdminHandler(BooleanSupplier ready, Supplier<String> routesJson, Supplier<CompletionStage<String>> refresh,
                        Supplier<Map<String, List<ApiDocument>>> documents) {
        this.ready = ready;
        this.routesJson = routesJson;
        this.refresh = refresh;
        this.documents = documents;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = request.uri();
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (path.equals("/refresh")) {
            if (!request.method().equals(HttpMethod.POST)) {
                FullHttpResponse refused = json(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED,
                        "{\"status\":\"use POST\"}");
                refused.headers().set(HttpHeaderNames.ALLOW, "POST");
                send(ctx, refused, keepAlive);
                return;
            }
            // Refreshes do network work off the event loop; the answer is written when they finish.
            refresh.get().whenComplete((report, failure) -> ctx.executor().execute(() -> send(ctx,
                    failure == null ? json(ctx, HttpResponseStatus.OK, report)
                            : ProblemResponse.render(new GatewayException(ErrorKind.INTERNAL, "refresh failed"),
                            null, ctx.alloc(), HttpVersion.HTTP_1_1), keepAlive)));
            return;
        }
        if (path.startsWith("/apis/") && path.indexOf('/', 6) > 6) {
            send(ctx, document(ctx, path), keepAlive);
            return;
        }
        FullHttpResponse response = switch (path) {
            case "/live" -> json(ctx, HttpResponseStatus.OK, "{\"status\":\"live\"}");
            case "/ready" -> ready.getAsBoolean()
                    ? json(ctx, HttpResponseStatus.OK, "{\"status\":\"ready\"}")
                    : json(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "{\"status\":\"draining\"}");
            case "/routes" -> json(ctx, HttpResponseStatus.OK, routesJson.get());
            case "/apis" -> json(ctx, HttpResponseStatus.OK, DocumentIndex.json(documents.get()));
            default -> ProblemResponse.render(new GatewayException(ErrorKind.NOT_FOUND, "no admin resource " + path),
                    null, ctx.alloc(), HttpVersion.HTTP_1_1);
        };
        send(ctx, response, keepAlive);
    }

    /** {@code /apis/{route}/{name...}}: the route's document of exactly that name. */
    private FullHttpResponse document(ChannelHandlerContext ctx, String path) {
        int slash = path.indexOf('/', 6);
        String route = QueryStringDecoder.decodeComponent(path.substring(6, slash));
        String name = QueryStringDecoder.decodeComponent(path.substring(slash + 1));
        ApiDocument found = documents.get().getOrDefault(route, List.of()).stream()
                .filter(d -> d.name().equals(name)).findFirst().orElse(null);
        if (found == null) {
            return ProblemResponse.render(new GatewayException(ErrorKind.NOT_FOUND,
                    "route " + route + " has no API document " + name), null, ctx.alloc(), HttpVersion.HTTP_1_1);
        }
        byte[] bytes = found.content().get();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                ctx.alloc().buffer(bytes.length).writeBytes(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, found.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }

    private static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setKeepAlive(response, keepAlive);
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static FullHttpResponse json(ChannelHandlerContext ctx, HttpResponseStatus status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteBuf content = ctx.alloc().buffer(bytes.length).writeBytes(bytes);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
