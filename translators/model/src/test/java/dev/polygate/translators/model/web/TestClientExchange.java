package dev.polygate.translators.model.web;

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
final class TestClientExchange implements Exchange {
    private final EventLoop loop;
    private RequestHead head;
    final TestClientBody body;
    final TestClientSink sink;
    private final List<Runnable> cancelActions = new ArrayList<>();
    private boolean cancelled;

    TestClientExchange(EventLoop loop, String method, String path, HttpHeaders headers, List<byte[]> chunks,
                       boolean declaredLength) {
        this.loop = loop;
        this.head = new RequestHead(method, path, path, "api.example.com", "https", headers);
        this.body = new TestClientBody(loop, chunks, declaredLength);
        this.sink = new TestClientSink(loop);
    }

    static HttpHeaders headers(String contentType) {
        HttpHeaders headers = new DefaultHttpHeaders();
        if (contentType != null) {
            headers.set("content-type", contentType);
        }
        headers.set("x-grpc-web", "1");
        headers.set("x-user-agent", "grpc-web-javascript/0.1");
        return headers;
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

    @Override
    public ClientInfo client() {
        return new ClientInfo(new InetSocketAddress("192.0.2.7", 50000), "HTTP/1.1", true, null, List.of());
    }

    private final dev.polygate.spi.ExchangeContext context = new dev.polygate.spi.ExchangeContext("test");

    @Override
    public dev.polygate.spi.ExchangeContext context() {
        return context;
    }

    @Override
    public String routeName() {
        return "grpc-web-test";
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
