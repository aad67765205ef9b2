package dev.polygate.edge.admin;

import dev.polygate.edge.exchange.ProblemResponse;
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
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The admin API: {@code /live} (the process runs), {@code /ready} (it takes traffic), {@code /routes}, and
 * {@code POST /refresh} (translators reload what they learn from backends, e.g. gRPC schemas by reflection).
 */
public final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final BooleanSupplier ready;
    private final Supplier<String> routesJson;
    private final Supplier<CompletionStage<String>> refresh;

    public AdminHandler(BooleanSupplier ready, Supplier<String> routesJson, Supplier<CompletionStage<String>> refresh) {
        this.ready = ready;
        this.routesJson = routesJson;
        this.refresh = refresh;
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
        FullHttpResponse response = switch (path) {
            case "/live" -> json(ctx, HttpResponseStatus.OK, "{\"status\":\"live\"}");
            case "/ready" -> ready.getAsBoolean()
                    ? json(ctx, HttpResponseStatus.OK, "{\"status\":\"ready\"}")
                    : json(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "{\"status\":\"draining\"}");
            case "/routes" -> json(ctx, HttpResponseStatus.OK, routesJson.get());
            default -> ProblemResponse.render(new GatewayException(ErrorKind.NOT_FOUND, "no admin resource " + path),
                    null, ctx.alloc(), HttpVersion.HTTP_1_1);
        };
        send(ctx, response, keepAlive);
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
