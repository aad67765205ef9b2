package dev.polygate.edge.policy;

import dev.polygate.spi.BodySubscriber;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyChain;
import dev.polygate.spi.RequestBody;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Refuses request bodies over a limit with 413: at once when the declared length is too large, and while
 * streaming when a chunked body grows past it (the translator is told through the body's error).
 */
public final class BodyLimitPolicy implements Policy {
    private final long maxBytes;

    public BodyLimitPolicy(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void apply(Exchange exchange, PolicyChain chain) {
        RequestBody body = exchange.requestBody();
        if (body.declaredLength() > maxBytes) {
            exchange.response().sendError(tooLarge());
            return;
        }
        if (body.isEmpty() || body.declaredLength() >= 0) {
            chain.proceed(exchange); // a declared length within the limit is enforced by the codec's framing
            return;
        }
        chain.proceed(exchange.with(new CountingBody(body), exchange.response()));
    }

    private GatewayException tooLarge() {
        return new GatewayException(ErrorKind.PAYLOAD_TOO_LARGE, "request body exceeds the limit of " + maxBytes + " bytes");
    }

    private final class CountingBody implements RequestBody {
        private final RequestBody delegate;

        CountingBody(RequestBody delegate) {
            this.delegate = delegate;
        }

        @Override
        public void subscribe(BodySubscriber subscriber) {
            delegate.subscribe(new BodySubscriber() {
                private long seen;
                private boolean failed;

                @Override
                public void onData(ByteBuf chunk) {
                    if (failed) {
                        chunk.release();
                        return;
                    }
                    seen += chunk.readableBytes();
                    if (seen > maxBytes) {
                        failed = true;
                        chunk.release();
                        subscriber.onError(tooLarge());
                        return;
                    }
                    subscriber.onData(chunk);
                }

                @Override
                public void onEnd(HttpHeaders trailers) {
                    if (!failed) {
                        subscriber.onEnd(trailers);
                    }
                }

                @Override
                public void onError(GatewayException error) {
                    if (!failed) {
                        failed = true;
                        subscriber.onError(error);
                    }
                }
            });
        }

        @Override
        public void pause() {
            delegate.pause();
        }

        @Override
        public void resume() {
            delegate.resume();
        }

        @Override
        public long declaredLength() {
            return delegate.declaredLength();
        }

        @Override
        public boolean isEmpty() {
            return delegate.isEmpty();
        }
    }
}
