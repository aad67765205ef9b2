package dev.polygate.policies.auth.jwt;

import dev.polygate.policies.auth.AuthMethod;
import dev.polygate.policies.auth.AuthOutcome;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.ForwardingExchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyChain;
import dev.polygate.spi.Verdict;
import dev.polygate.spi.websocket.AcceptedHandshake;
import dev.polygate.spi.websocket.WebSocketHandler;
import dev.polygate.spi.websocket.WebSocketSession;
import dev.polygate.spi.websocket.WebSocketUpgrade;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * One authentication method run as a policy, for tests through the SPI's policy harness: accepted callers become the
 * exchange's principal and lose their credential, refusals are 401s carrying the method's challenge (with RFC 6750's
 * error for a refused token), and a method that cannot decide (its stage fails with a gateway error) ends the
 * exchange with that error, as the gateway's chain does.
 */
public final class MethodPolicy implements Policy {
    private final AuthMethod method;
    private final List<String> subprotocols;

    public MethodPolicy(AuthMethod method) {
        this(method, null);
    }

    private MethodPolicy(AuthMethod method, List<String> subprotocols) {
        this.method = method;
        this.subprotocols = subprotocols;
    }

    /** Requests become WebSocket handshakes offering {@code offers}. */
    public MethodPolicy asWebSocket(List<String> offers) {
        return new MethodPolicy(method, List.copyOf(offers));
    }

    @Override
    public void apply(Exchange exchange, PolicyChain chain) {
        Exchange view = subprotocols == null ? exchange : new ForwardingExchange(exchange) {
            @Override
            public Optional<WebSocketUpgrade> webSocket() {
                return Optional.of(new Offer(subprotocols));
            }
        };
        chain.await(view, method.authenticate(view).handleAsync((outcome, failure) -> decide(view, outcome, failure),
                view.executor()));
    }

    private Verdict decide(Exchange view, AuthOutcome outcome, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof GatewayException error) {
                return Verdict.reject(error);
            }
            throw new CompletionException(cause);
        }
        if (outcome instanceof AuthOutcome.Accepted accepted) {
            view.context().principal(accepted.principal());
            method.removeCredential(view);
            return Verdict.proceed(view);
        }
        String reason = outcome instanceof AuthOutcome.Refused refused ? refused.reason() : null;
        String challenge = reason == null ? method.challenge() : BearerChallenge.refusing(method.challenge(), reason);
        return Verdict.reject(new GatewayException(ErrorKind.UNAUTHENTICATED, reason == null ? "no credential" : reason)
                .withHeaders(new DefaultHttpHeaders().set("www-authenticate", challenge)));
    }

    /** The handshake's offers, as the gateway's WebSocket upgrade would give them. */
    private record Offer(List<String> subprotocols) implements WebSocketUpgrade {
        @Override
        public String origin() {
            return null;
        }

        @Override
        public String transport() {
            return "HTTP/1.1";
        }

        @Override
        public void accept(AcceptedHandshake handshake, Function<WebSocketSession, WebSocketHandler> handlerFactory) {
            throw new UnsupportedOperationException("policies do not accept handshakes");
        }
    }
}
