package dev.polygate.edge.exchange;

import dev.polygate.spi.ClientInfo;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.ExchangeContext;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.RequestBody;
import dev.polygate.spi.RequestHead;
import dev.polygate.spi.ResponseSink;
import dev.polygate.spi.websocket.WebSocketUpgrade;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An exchange with a client on one HTTP/1.1 connection or one HTTP/2 stream. All of its state is touched
 * only on the channel's event loop.
 */
public final class DownstreamExchange implements Exchange {
    private final Channel channel;
    private final ExchangeOwner owner;
    private final ClientInfo client;
    private final String method;
    private final String originalPath;
    private final long startNanos = System.nanoTime();
    private final long startMillis = System.currentTimeMillis();
    private final DownstreamRequestBody body;
    private final DownstreamResponseSink sink;
    private RequestHead head;
    private final ExchangeContext context;
    private String upstream;
    private GatewayException error;
    private List<Runnable> cancelActions;
    private boolean finished;
    private boolean cancelled;
    private WebSocketUpgrade webSocket;

    DownstreamExchange(Channel channel, ExchangeOwner owner, String listener, ClientInfo client, String method,
                       String originalPath, ResponseFraming framing, long declaredLength, boolean emptyBody,
                       boolean expectContinue) {
        this.channel = channel;
        this.context = new ExchangeContext(listener);
        this.context.clientAddress(client.remoteAddress());
        this.owner = owner;
        this.client = client;
        this.method = method;
        this.originalPath = originalPath;
        this.body = new DownstreamRequestBody(this, declaredLength, emptyBody, expectContinue);
        this.sink = new DownstreamResponseSink(this, framing);
    }

    @Override
    public RequestHead request() {
        return head;
    }

    @Override
    public void request(RequestHead newHead) {
        this.head = newHead;
    }

    @Override
    public RequestBody requestBody() {
        return body;
    }

    @Override
    public ResponseSink response() {
        return sink;
    }

    @Override
    public ClientInfo client() {
        return client;
    }

    @Override
    public ExchangeContext context() {
        return context;
    }

    @Override
    public String routeName() {
        return context.route();
    }

    @Override
    public EventExecutor executor() {
        return channel.eventLoop();
    }

    @Override
    public void onCancel(Runnable action) {
        if (cancelled) {
            action.run();
            return;
        }
        if (cancelActions == null) {
            cancelActions = new ArrayList<>(2);
        }
        cancelActions.add(action);
    }

    @Override
    public void upstream(String endpoint) {
        this.upstream = endpoint;
    }

    @Override
    public void error(GatewayException failure) {
        if (error == null) {
            error = failure;
        }
    }

    @Override
    public Optional<WebSocketUpgrade> webSocket() {
        return Optional.ofNullable(webSocket);
    }

    /** Marks this exchange as a WebSocket handshake, before it is dispatched. */
    public void webSocket(WebSocketUpgrade upgrade) {
        this.webSocket = upgrade;
    }

    /**
     * The WebSocket handshake was answered ({@code 101}, or {@code 200} on HTTP/2) and the channel now carries the
     * session: the response sink takes nothing more.
     */
    public void switchedProtocols(int status) {
        sink.markSwitched(status);
    }

    /** The WebSocket session that followed the handshake is over: the exchange ends (and is logged). */
    public void sessionEnded() {
        finish(true);
    }

    /** Ends the exchange with {@code error} on the gateway's own account, and tells the translator to let go. */
    public void abandon(GatewayException failure) {
        sink.sendError(failure);
        runCancelActions();
    }

    // ---- what the access log reads ----

    public String method() {
        return method;
    }

    public String originalPath() {
        return originalPath;
    }

    public String upstream() {
        return upstream;
    }

    /** The full detail of the error that ended the exchange, or null when none did. */
    public String errorDetail() {
        return error == null ? null : error.logDetail();
    }

    public long startMillis() {
        return startMillis;
    }

    public long durationNanos() {
        return System.nanoTime() - startNanos;
    }

    public int status() {
        return sink.status();
    }

    /** The gRPC status given to a gRPC client (in trailers or a trailers-only answer), or null. */
    public String grpcStatus() {
        return sink.grpcStatus();
    }

    public long bytesIn() {
        return body.bytesReceived();
    }

    public long bytesOut() {
        return sink.bytesSent();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    // ---- used by the body, the sink and the connection handler ----

    Channel channel() {
        return channel;
    }

    DownstreamRequestBody body() {
        return body;
    }

    DownstreamResponseSink sink() {
        return sink;
    }

    boolean isFinished() {
        return finished;
    }

    void readingChanged() {
        owner.readingChanged(this);
    }

    boolean draining() {
        return owner.draining();
    }

    boolean requestComplete() {
        return body.isComplete();
    }

    /** The response has ended (or was aborted); {@code closeConnection} when the connection cannot be reused. */
    void finish(boolean closeConnection) {
        if (finished) {
            return;
        }
        finished = true;
        if (!body.isComplete()) {
            body.discardRemainder();
        }
        owner.exchangeFinished(this, closeConnection);
    }

    /** The client went away before the response ended. */
    void cancel() {
        if (finished || cancelled) {
            return;
        }
        cancelled = true;
        sink.markCancelled();
        body.clientGone();
        runCancelActions();
        finish(true);
    }

    private void runCancelActions() {
        cancelled = true;
        if (cancelActions != null) {
            for (Runnable action : cancelActions) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    // one failing cancel action must not keep the others from running
                }
            }
            cancelActions = null;
        }
    }
}
