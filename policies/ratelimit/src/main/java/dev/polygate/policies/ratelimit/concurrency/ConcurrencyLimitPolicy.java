package dev.polygate.policies.ratelimit.concurrency;

import dev.polygate.policies.ratelimit.headers.FieldsSink;
import dev.polygate.policies.ratelimit.headers.RateLimitFields;
import dev.polygate.policies.ratelimit.keys.KeySpec;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.ForwardingExchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyChain;
import dev.polygate.spi.ResponseSink;
import dev.polygate.spi.websocket.WebSocketUpgrade;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Optional;

/**
 * The {@code concurrencyLimit} policy: at most {@code max} exchanges in flight per key on this node (a WebSocket
 * session is in flight until it ends); one more is refused with 429 and {@code Retry-After: 1}.
 */
public final class ConcurrencyLimitPolicy implements Policy {
    private final KeySpec key;
    private final int max;
    private final String name;
    private final boolean headers;
    private final InFlight inFlight;
    private final String policyField;

    public ConcurrencyLimitPolicy(KeySpec key, int max, String name, boolean headers, InFlight inFlight) {
        this.key = key;
        this.max = max;
        this.name = name;
        this.headers = headers;
        this.inFlight = inFlight;
        this.policyField = "\"" + name + "\";q=" + max + ";qu=\"concurrent-requests\"";
    }

    @Override
    public void apply(Exchange exchange, PolicyChain chain) {
        String counted = key.of(exchange);
        int now = inFlight.tryAcquire(counted, max);
        if (now < 0) {
            HttpHeaders refusal = new DefaultHttpHeaders().set(RateLimitFields.RETRY_AFTER, 1);
            addFields(refusal, 0);
            chain.reject(exchange, new GatewayException(ErrorKind.RATE_LIMITED,
                    "too many requests in flight: '" + name + "' allows " + max + " at once").withHeaders(refusal));
            return;
        }
        Permit permit = new Permit(inFlight, counted);
        exchange.onCancel(permit::release);
        try {
            chain.proceed(new Holding(exchange, permit, headers ? now : -1));
        } catch (RuntimeException e) {
            permit.release(); // the chain failed before anything could end the exchange through this policy
            throw e;
        }
    }

    private void addFields(HttpHeaders answer, int remaining) {
        answer.add(RateLimitFields.POLICY, policyField);
        answer.add(RateLimitFields.CURRENT, "\"" + name + "\";r=" + remaining);
    }

    /** The exchange as the rest of the chain sees it: every way it can end gives the permit back. */
    private final class Holding extends ForwardingExchange {
        private final ResponseSink sink;
        private final WebSocketUpgrade upgrade;

        Holding(Exchange exchange, Permit permit, int inFlightNow) {
            super(exchange);
            ResponseSink inner = inFlightNow < 0 ? exchange.response()
                    : new FieldsSink(exchange.response(), answer -> addFields(answer, Math.max(0, max - inFlightNow)));
            this.sink = new ReleasingSink(inner, permit);
            this.upgrade = exchange.webSocket().map(offered -> (WebSocketUpgrade) new ReleasingUpgrade(offered, permit))
                    .orElse(null);
        }

        @Override
        public ResponseSink response() {
            return sink;
        }

        @Override
        public Optional<WebSocketUpgrade> webSocket() {
            return Optional.ofNullable(upgrade);
        }
    }
}
