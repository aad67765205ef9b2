package dev.polygate.edge.exchange;

import dev.polygate.edge.websocket.WebSocketHandshake;
import dev.polygate.spi.ClientInfo;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.RequestHead;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs exchanges on one HTTP/1.1 connection (one after the other; pipelined requests wait their turn with
 * reading paused) or on one HTTP/2 stream (a child channel carrying a single exchange).
 */
public final class HttpExchangeHandler extends ChannelInboundHandlerAdapter implements ExchangeOwner {
    private static final Logger LOG = Logger.getLogger(HttpExchangeHandler.class.getName());
    private static final int MAX_WAITING = 16;

    private final ServerContext server;
    private final boolean http2;
    private final String scheme;
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private DownstreamExchange current;
    private boolean closing;
    /** HTTP/2 only: the answer is complete and the rest of the request body is being read and dropped. */
    private StreamLinger linger;

    public HttpExchangeHandler(ServerContext server, boolean http2, boolean secure) {
        this.server = server;
        this.http2 = http2;
        this.scheme = secure ? "https" : "http";
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (current != null && current.requestComplete()) {
            // Pipelined: its turn comes when the current response ends. Reading pauses only when several
            // wait, so the common one-request-at-a-time client never costs an epoll change.
            waiting.add(msg);
            if (waiting.size() >= MAX_WAITING) {
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        if (msg instanceof HttpRequest request) {
            begin(request);
        }
        if (msg instanceof HttpContent content) {
            if (current == null || current.isFinished()) {
                if (linger != null) {
                    linger.read(content);
                }
                content.release();
            } else if (content.decoderResult().isFailure()) {
                content.release();
                closing = !http2;
                current.body().malformed(RequestReader.decodeFailure(content.decoderResult().cause()).detail());
            } else {
                current.body().offer(content);
            }
        } else if (!(msg instanceof HttpRequest)) {
            ReferenceCountUtil.release(msg);
        }
    }

    private void begin(HttpRequest request) {
        ClientInfo client = ConnectionInfo.client(ctx.channel(), http2, request.protocolVersion());
        boolean full = request instanceof FullHttpRequest;
        boolean emptyBody = full ? !((FullHttpRequest) request).content().isReadable() : emptyByFraming(request);
        boolean keepAlive = http2 || HttpUtil.isKeepAlive(request);
        boolean expectContinue = !http2 && HttpUtil.is100ContinueExpected(request);
        boolean undecodable = request.decoderResult().isFailure();
        // An undecodable request line has no trustworthy version: answer as HTTP/1.1.
        HttpVersion version = undecodable ? HttpVersion.HTTP_1_1 : request.protocolVersion();
        ResponseFraming framing = new ResponseFraming(http2, version,
                HttpMethod.HEAD.equals(request.method()), keepAlive);
        // Before the head is read, which strips the hop-by-hop headers a WebSocket handshake travels in, and before the
        // exchange takes the request's target: an extended CONNECT's is its :path, not the :authority.
        WebSocketHandshake webSocket = undecodable ? null : WebSocketHandshake.read(ctx.channel(), request, http2);
        DownstreamExchange exchange = new DownstreamExchange(ctx.channel(), this, server.listener(), client,
                request.method().name(),
                request.uri(), framing, full ? ((FullHttpRequest) request).content().readableBytes()
                // an undecodable request may keep the malformed Content-Length that made it so
                : undecodable ? -1L : HttpUtil.getContentLength(request, -1L), emptyBody, expectContinue);
        current = exchange;
        server.observer().started(exchange);
        if (undecodable) {
            closing = !http2; // the rest of the byte stream cannot be trusted
            exchange.response().sendError(RequestReader.decodeFailure(request.decoderResult().cause()));
            return;
        }
        RequestHead head;
        try {
            head = RequestReader.read(request, http2, scheme, server.limits().maxRequestBody());
        } catch (GatewayException e) {
            if (!http2 && !emptyBody) {
                closing = true; // the body that follows would be read as the next request
            }
            exchange.response().sendError(e);
            return;
        }
        exchange.request(head);
        if (webSocket != null && !webSocket.attach(exchange)) {
            return;
        }
        try {
            server.dispatcher().dispatch(exchange);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "exchange failed on route " + exchange.routeName(), e);
            exchange.response().sendError(new GatewayException(ErrorKind.INTERNAL, "the gateway failed to handle the request",
                    null, e));
        }
    }

    /** HTTP/1.1 without Content-Length or chunked framing has no body; HTTP/2 says so with end-of-stream. */
    private boolean emptyByFraming(HttpRequest request) {
        if (!http2 && HttpUtil.isTransferEncodingChunked(request)) {
            return false;
        }
        long length;
        try {
            length = HttpUtil.getContentLength(request, -1L);
        } catch (NumberFormatException e) {
            return false;
        }
        return http2 ? length == 0 : length <= 0;
    }

    @Override
    public void readingChanged(DownstreamExchange exchange) {
        if (exchange != current) {
            return;
        }
        boolean hold = exchange.body().wantsNoMoreData() && !exchange.requestComplete()
                || waiting.size() >= MAX_WAITING;
        ctx.channel().config().setAutoRead(!hold);
    }

    @Override
    public boolean draining() {
        return server.draining().getAsBoolean();
    }

    @Override
    public void exchangeFinished(DownstreamExchange exchange, boolean closeConnection) {
        if (exchange != current) {
            return;
        }
        current = null;
        server.observer().finished(exchange);
        if (http2) {
            if (!exchange.requestComplete() && ctx.channel().isActive()) {
                // The answer came before the request body ended. A reset right away makes some clients drop the
                // answer they already have, so a short rest of the body is read and dropped first.
                ctx.channel().config().setAutoRead(true);
                linger = new StreamLinger(ctx.channel());
            }
            return;
        }
        if (closeConnection || closing) {
            closing = true;
            releaseWaiting();
            if (ctx.channel().isActive()) {
                ctx.channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        ctx.channel().config().setAutoRead(true);
        Object next;
        while (current == null && (next = waiting.poll()) != null) {
            channelRead(ctx, next);
        }
        while (current != null && !current.requestComplete() && (next = waiting.poll()) != null) {
            channelRead(ctx, next);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        if (current != null) {
            current.sink().writabilityChanged();
        }
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        releaseWaiting();
        if (current != null) {
            current.cancel();
        }
        context.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (current == null) {
                context.close();
            }
            ReferenceCountUtil.release(evt);
            return;
        }
        if (evt instanceof HttpServerUpgradeHandler.UpgradeEvent) {
            // h2c upgrade: from now on HTTP/2 handlers own this connection.
            context.pipeline().remove(this);
        }
        context.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        LOG.log(Level.FINE, "connection error", cause);
        if (http2 && Http2CodecUtil.getEmbeddedHttp2Exception(cause) != null) {
            // A stream error the HTTP/2 codec found: the stream channel resets the stream with its error code
            // (STREAM_CLOSED, PROTOCOL_ERROR, ...), which a plain close would turn into CANCEL or nothing.
            context.fireExceptionCaught(cause);
            return;
        }
        context.close();
    }

    /** Graceful shutdown: close now if idle, else after the current exchange. */
    public void closeWhenIdle() {
        if (current == null) {
            ctx.close();
        }
    }

    private void releaseWaiting() {
        Object msg;
        while ((msg = waiting.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
