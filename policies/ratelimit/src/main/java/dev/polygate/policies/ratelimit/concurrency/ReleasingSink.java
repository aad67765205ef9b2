package dev.polygate.policies.ratelimit.concurrency;

import dev.polygate.spi.ForwardingResponseSink;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseSink;
import io.netty.handler.codec.http.HttpHeaders;

/** Gives the permit back when the response ends, normally or by error. */
final class ReleasingSink extends ForwardingResponseSink {
    private final Permit permit;

    ReleasingSink(ResponseSink delegate, Permit permit) {
        super(delegate);
        this.permit = permit;
    }

    @Override
    public void sendEnd(HttpHeaders trailers) {
        try {
            super.sendEnd(trailers);
        } finally {
            permit.release();
        }
    }

    @Override
    public void sendError(GatewayException error) {
        try {
            super.sendError(error);
        } finally {
            permit.release();
        }
    }
}
