package dev.polygate.translators.http;

import dev.polygate.spi.ClientInfo;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.RequestBody;
import dev.polygate.spi.RequestHead;
import dev.polygate.spi.ResponseSink;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** The edge's side of an exchange, played by the test on a real event loop. */
final class TestExchange implements Exchange {
    private final EventLoop loop;
    private RequestHead head;
    private final TestRequestBody body;
    private final RecordingSink sink;
    private final ClientInfo client;
    private final List<Runnable> cancelActions = new ArrayList<>();
    private boolean cancelled;
    volatile String upstream;

    TestExchange(EventLoop loop, RequestHead head, TestRequestBody body, InetSocketAddress clientAddress) {
        this.loop = loop;
        this.head = head;
        this.body = body;
        this.sink = new RecordingSink(loop);
        this.client = new ClientInfo(clientAddress, "HTTP/1.1", "https".equals(head.scheme()), null, List.of());
    }

    static TestExchange get(EventLoop loop, String path) {
        return new TestExchange(loop, head("GET", path, new DefaultHttpHeaders()), TestRequestBody.empty(loop),
                new InetSocketAddress("192.0.2.7", 50000));
    }

    static TestExchange post(EventLoop loop, String path, TestRequestBody body) {
        return new TestExchange(loop, head("POST", path, new DefaultHttpHeaders()), body,
                new InetSocketAddress("192.0.2.7", 50000));
    }

    static RequestHead head(String method, String path, HttpHeaders headers) {
        return new RequestHead(method, path, path, "api.example.com", "https", headers);
    }

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
        return body;
    }

    @Override
    public ResponseSink response() {
        return sink;
    }

    RecordingSink sink() {
        return sink;
    }

    TestRequestBody body() {
        return body;
    }

    @Override
    public ClientInfo client() {
        return client;
    }

    private final dev.polygate.spi.ExchangeContext context = new dev.polygate.spi.ExchangeContext("test");

    @Override
    public dev.polygate.spi.ExchangeContext context() {
        return context;
    }

    @Override
    public String routeName() {
        return "test-route";
    }

    @Override
    public EventExecutor executor() {
        return loop;
    }

    @Override
    public void onCancel(Runnable action) {
        if (cancelled) {
            action.run();
        } else {
            cancelActions.add(action);
        }
    }

    @Override
    public void upstream(String endpoint) {
        upstream = endpoint;
    }

    /** The client goes away, as the edge reports it: the body fails, then the cancel actions run. */
    void cancel() {
        loop.execute(() -> {
            cancelled = true;
            body.clientGone();
            cancelActions.forEach(Runnable::run);
        });
    }
}
