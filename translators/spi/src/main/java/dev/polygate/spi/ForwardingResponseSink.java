package dev.polygate.spi;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;

/** A sink that forwards every call to another; policies override what they change. */
public class ForwardingResponseSink implements ResponseSink {
    private final ResponseSink delegate;

    public ForwardingResponseSink(ResponseSink delegate) {
        this.delegate = delegate;
    }

    @Override
    public void sendHead(ResponseHead head) {
        delegate.sendHead(head);
    }

    @Override
    public void sendData(ByteBuf chunk) {
        delegate.sendData(chunk);
    }

    @Override
    public void sendEnd(HttpHeaders trailers) {
        delegate.sendEnd(trailers);
    }

    @Override
    public void sendError(GatewayException error) {
        delegate.sendError(error);
    }

    @Override
    public boolean isWritable() {
        return delegate.isWritable();
    }

    @Override
    public void onWritabilityChanged(Runnable listener) {
        delegate.onWritabilityChanged(listener);
    }

    @Override
    public boolean isHeadSent() {
        return delegate.isHeadSent();
    }

    @Override
    public boolean isDone() {
        return delegate.isDone();
    }
}
