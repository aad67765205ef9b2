package dev.polygate.spi;

import io.netty.util.concurrent.EventExecutor;

/** An exchange that forwards every call to another; policies override what they change. */
public class ForwardingExchange implements Exchange {
    private final Exchange delegate;

    public ForwardingExchange(Exchange delegate) {
        this.delegate = delegate;
    }

    @Override
    public RequestHead request() {
        return delegate.request();
    }

    @Override
    public void request(RequestHead head) {
        delegate.request(head);
    }

    @Override
    public RequestBody requestBody() {
        return delegate.requestBody();
    }

    @Override
    public ResponseSink response() {
        return delegate.response();
    }

    @Override
    public ClientInfo client() {
        return delegate.client();
    }

    @Override
    public ExchangeContext context() {
        return delegate.context();
    }

    @Override
    public String routeName() {
        return delegate.routeName();
    }

    @Override
    public EventExecutor executor() {
        return delegate.executor();
    }

    @Override
    public void onCancel(Runnable action) {
        delegate.onCancel(action);
    }

    @Override
    public void upstream(String endpoint) {
        delegate.upstream(endpoint);
    }

    @Override
    public void error(GatewayException error) {
        delegate.error(error);
    }

    @Override
    public java.util.Optional<dev.polygate.spi.websocket.WebSocketUpgrade> webSocket() {
        return delegate.webSocket();
    }
}
