package dev.polygate.edge.policy.cors;

import dev.polygate.spi.Exchange;
import dev.polygate.spi.ForwardingResponseSink;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyChain;
import dev.polygate.spi.RequestHead;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.ResponseSink;
import dev.polygate.translators.model.web.CorsRules;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Cross-origin calls from browsers. A preflight is answered here (204 with the grant, or 403), so it reaches neither
 * the backend nor the policies after this one: a browser sends no credentials with a preflight, and an
 * authentication policy would refuse it. Every answer to an actual cross-origin request, errors included, carries
 * this policy's grant in place of any other. Requests without {@code Origin} pass untouched.
 */
final class CorsPolicy implements Policy {
    private final CorsRules rules;

    CorsPolicy(CorsRules rules) {
        this.rules = rules;
    }

    @Override
    public void apply(Exchange exchange, PolicyChain chain) {
        RequestHead head = exchange.request();
        String origin = head.headers().get(HttpHeaderNames.ORIGIN);
        if (origin == null) {
            chain.proceed(exchange);
            return;
        }
        if (CorsRules.isPreflight(head)) {
            // The one answer a policy gives itself: the preflight asks about the route, it is no call to it.
            exchange.requestBody().discard();
            exchange.response().sendHead(rules.preflightAnswer(head.headers()));
            exchange.response().sendEnd(EmptyHttpHeaders.INSTANCE);
            return;
        }
        chain.proceed(exchange.with(exchange.requestBody(), new GrantingSink(exchange.response(), origin)));
    }

    /** Puts the grant on the answer's head, or on the error's headers when the answer is an error. */
    private final class GrantingSink extends ForwardingResponseSink {
        private final String origin;

        GrantingSink(ResponseSink delegate, String origin) {
            super(delegate);
            this.origin = origin;
        }

        @Override
        public void sendHead(ResponseHead head) {
            rules.replaceResponseHeaders(origin, head.headers());
            super.sendHead(head);
        }

        @Override
        public void sendError(GatewayException error) {
            HttpHeaders headers = new DefaultHttpHeaders().add(error.headers());
            rules.replaceResponseHeaders(origin, headers);
            super.sendError(error.withHeaders(headers));
        }
    }
}
