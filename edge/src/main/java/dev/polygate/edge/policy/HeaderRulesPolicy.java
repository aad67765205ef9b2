package dev.polygate.edge.policy;

import dev.polygate.spi.Exchange;
import dev.polygate.spi.ForwardingResponseSink;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyChain;
import dev.polygate.spi.ResponseHead;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;

/** Changes request headers before the translator and response headers before the client sees them. */
final class HeaderRulesPolicy implements Policy {
    private final HeaderRules request;
    private final HeaderRules response;

    HeaderRulesPolicy(HeaderRules request, HeaderRules response) {
        this.request = request;
        this.response = response;
    }

    @Override
    public void apply(Exchange exchange, PolicyChain chain) {
        request.applyTo(exchange.request().headers());
        if (response.isEmpty()) {
            chain.proceed(exchange);
            return;
        }
        chain.proceed(exchange.with(exchange.requestBody(), new ForwardingResponseSink(exchange.response()) {
            @Override
            public void sendHead(ResponseHead head) {
                response.applyTo(head.headers());
                super.sendHead(head);
            }

            @Override
            public void sendError(GatewayException error) {
                // Error answers get the response rules too: the error's own headers, changed as any answer's are.
                HttpHeaders headers = new DefaultHttpHeaders().add(error.headers());
                response.applyTo(headers);
                super.sendError(error.withHeaders(headers));
            }
        }));
    }
}
