package dev.polygate.translators.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2StreamChannel;

/** One stream of a multiplexed connection; the connection stays with the pool. */
final class Http2StreamLease implements UpstreamLease {
    private final Http2StreamChannel stream;
    private final Endpoint endpoint;
    private final boolean reused;

    Http2StreamLease(Http2StreamChannel stream, Endpoint endpoint, boolean reused) {
        this.stream = stream;
        this.endpoint = endpoint;
        this.reused = reused;
    }

    @Override
    public Channel channel() {
        return stream;
    }

    @Override
    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public boolean isHttp2() {
        return true;
    }

    @Override
    public boolean reused() {
        return reused;
    }

    @Override
    public void release() {
        // Both directions have ended, so closing only frees the stream channel: no RST_STREAM is sent.
        stream.close();
    }

    @Override
    public void abort() {
        // A stream still open in either direction is reset with CANCEL when its channel closes.
        stream.close();
    }
}
