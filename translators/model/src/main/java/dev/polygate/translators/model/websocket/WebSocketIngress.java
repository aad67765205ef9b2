package dev.polygate.translators.model.websocket;

import com.google.protobuf.Descriptors;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.websocket.AcceptedHandshake;
import dev.polygate.spi.websocket.WebSocketUpgrade;
import dev.polygate.translators.model.rest.RequestMetadata;
import dev.polygate.translators.model.rest.ResolvedOperation;
import dev.polygate.translators.model.rest.RestIngress;
import dev.polygate.translators.model.rest.RestSettings;
import dev.polygate.translators.model.transcoding.RuleLookup;
import dev.polygate.translators.model.transcoding.RuleMatch;
import dev.polygate.translators.model.wire.GrpcException;
import dev.polygate.translators.model.wire.GrpcHeaders;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import dev.polygate.translators.model.wire.GrpcTimeout;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * WebSocket clients of a route's operations, whatever the backend speaks: the handshake's path names the
 * operation (its REST path, as the route's {@link RestIngress} serves it, or its gRPC path
 * {@code /package.Service/Method}) and the subprotocol the framing.
 *
 * <ul>
 *   <li>{@value #JSON} (or no subprotocol): one JSON message per text message, as the REST ingress reads and
 *       writes them. Unary: each message is one call, answered in order, a failed call answered with
 *       {@code {"error": status}} and the session going on; an empty text message ends the session once every call
 *       is answered. Streaming: the session is one call; an empty text message half-closes the client's side; the
 *       server closes with 1000 after the last response, or sends {@code {"error": status}} and closes with the
 *       status's code (see the README's table).</li>
 *   <li>{@value GrpcWebSocketFraming#SUBPROTOCOL}: improbable-eng's framing, see {@link GrpcWebSocketFraming}.</li>
 * </ul>
 *
 * The call's metadata is chosen from the handshake's headers (and, for {@code grpc-websockets}, the header block)
 * by the REST ingress's allow list; its deadline is the {@code grpc-timeout} there, capped by the route's.
 */
public final class WebSocketIngress {
    /** The subprotocol of the JSON framing, which is also the framing without a subprotocol. */
    public static final String JSON = "json";

    private final RestIngress rest;
    private final Function<String, Descriptors.MethodDescriptor> grpcMethods;

    /**
     * @param rest        the route's REST ingress: its rules, JSON codecs, backend, settings and error rendering
     * @param grpcMethods the method for a gRPC path {@code /package.Service/Method}, or null when unknown
     */
    public WebSocketIngress(RestIngress rest, Function<String, Descriptors.MethodDescriptor> grpcMethods) {
        this.rest = rest;
        this.grpcMethods = grpcMethods;
    }

    /** Accepts or refuses the exchange's WebSocket handshake. */
    public void handle(Exchange exchange) {
        WebSocketUpgrade upgrade = exchange.webSocket().orElseThrow();
        String path = exchange.request().path();
        int query = path.indexOf('?');
        String rawPath = query < 0 ? path : path.substring(0, query);
        List<String> offered = upgrade.subprotocols();
        RestSettings settings = rest.settings();
        int maxMessageBytes = (int) Math.min(Integer.MAX_VALUE, settings.maxRequestBytes());
        if (offered.contains(GrpcWebSocketFraming.SUBPROTOCOL)) {
            Descriptors.MethodDescriptor method = grpcMethods.apply(rawPath);
            if (method == null) {
                refuse(exchange, ErrorKind.NOT_FOUND, "no gRPC method is at " + rawPath);
                return;
            }
            upgrade.accept(AcceptedHandshake.of(GrpcWebSocketFraming.SUBPROTOCOL), session -> {
                SessionWritability writability = new SessionWritability(session);
                return new GrpcWebSocketSession(session, block -> {
                    HttpHeaders metadata = RequestMetadata.select(exchange.request().headers(),
                            settings.forwardedHeaders());
                    metadata.set(RequestMetadata.select(block, settings.forwardedHeaders()));
                    long timeout = timeoutNanos(block.get(GrpcHeaders.GRPC_TIMEOUT));
                    if (timeout < 0) {
                        throw new GrpcException(GrpcStatusCode.INVALID_ARGUMENT, TIMEOUT_FORMAT);
                    }
                    return new SessionCalls(exchange, rest.backend(), method, metadata, timeout, writability);
                }, maxMessageBytes);
            });
            return;
        }
        if (!offered.isEmpty() && !offered.contains(JSON)) {
            refuse(exchange, ErrorKind.BAD_REQUEST, "the subprotocols served here are " + JSON + " and "
                    + GrpcWebSocketFraming.SUBPROTOCOL);
            return;
        }
        RuleMatch match = match(exchange, rawPath);
        if (match == null) {
            refuse(exchange, ErrorKind.NOT_FOUND, "no operation is bound to " + rawPath);
            return;
        }
        long timeout = timeoutNanos(exchange.request().headers().get(GrpcHeaders.GRPC_TIMEOUT));
        if (timeout < 0) {
            refuse(exchange, ErrorKind.BAD_REQUEST, TIMEOUT_FORMAT);
            return;
        }
        JsonMessages json = new JsonMessages(rest.transcoding(), rest.errors(), match, wholeBody(match),
                new QueryStringDecoder(path).parameters());
        HttpHeaders metadata = RequestMetadata.select(exchange.request().headers(), settings.forwardedHeaders());
        upgrade.accept(AcceptedHandshake.of(offered.isEmpty() ? null : JSON), session -> {
            SessionWritability writability = new SessionWritability(session);
            SessionCalls calls = new SessionCalls(exchange, rest.backend(), match.method(), metadata, timeout,
                    writability);
            return match.method().isClientStreaming() || match.method().isServerStreaming()
                    ? new StreamJsonSession(session, calls, json, maxMessageBytes).start()
                    : new UnaryJsonSession(session, calls, json, maxMessageBytes).listen(writability);
        });
    }

    private static final String TIMEOUT_FORMAT = "grpc-timeout must be at most 8 digits and a unit of H, M, S, m, u or n";

    /**
     * The method a handshake on this route would call: by its gRPC path for the {@code grpc-websockets}
     * subprotocol, by its REST path otherwise; empty when it names none.
     */
    public Optional<Descriptors.MethodDescriptor> methodOf(Exchange exchange) {
        WebSocketUpgrade upgrade = exchange.webSocket().orElseThrow();
        String path = exchange.request().path();
        int query = path.indexOf('?');
        String rawPath = query < 0 ? path : path.substring(0, query);
        if (upgrade.subprotocols().contains(GrpcWebSocketFraming.SUBPROTOCOL)) {
            return Optional.ofNullable(grpcMethods.apply(rawPath));
        }
        RuleMatch match = match(exchange, rawPath);
        return match == null ? Optional.empty() : Optional.of(match.method());
    }

    /** The operation at a path (see {@link #match(String)}), found once per exchange. */
    private RuleMatch match(Exchange exchange, String rawPath) {
        return ResolvedOperation.resolve(exchange, this, HANDSHAKE, rawPath, RuleMatch.class, () -> match(rawPath));
    }

    /** What {@link ResolvedOperation} keeps a handshake's operation under. */
    private static final String HANDSHAKE = "websocket handshake";

    /**
     * The operation at a path, whatever HTTP method its binding has (a handshake is always a GET): the binding with
     * the fewest path variables, so that a literal path beats a template; on a tie the first of POST, PUT, PATCH,
     * GET, DELETE, then custom methods.
     */
    private RuleMatch match(String rawPath) {
        Deque<String> methods = new ArrayDeque<>(List.of("POST", "PUT", "PATCH", "GET", "DELETE"));
        Set<String> tried = new HashSet<>();
        RuleMatch best = null;
        try {
            while (!methods.isEmpty()) {
                String method = methods.poll();
                if (!tried.add(method)) {
                    continue;
                }
                RuleLookup lookup = rest.transcoding().rules().lookup(method, rawPath);
                if (lookup instanceof RuleLookup.Found found && (best == null
                        || found.match().pathVariables().size() < best.pathVariables().size())) {
                    best = found.match();
                } else if (lookup instanceof RuleLookup.MethodNotAllowed notAllowed) {
                    methods.addAll(new TreeSet<>(notAllowed.allowed()));
                }
            }
        } catch (GatewayException malformedPath) {
            return null;
        }
        return best;
    }

    /** The method's generic binding ({@code POST /package.Service/Method}, body "*"), for bindings without a body. */
    private RuleMatch wholeBody(RuleMatch match) {
        Descriptors.MethodDescriptor method = match.method();
        RuleLookup lookup = rest.transcoding().rules().lookup("POST",
                "/" + method.getService().getFullName() + "/" + method.getName());
        return lookup instanceof RuleLookup.Found found && found.match().method().equals(method) ? found.match() : null;
    }

    /** The client's timeout capped by the route's; 0 for none; -1 when unreadable. */
    private long timeoutNanos(String header) {
        long route = rest.settings().timeout().isZero() ? 0 : rest.settings().timeout().toNanos();
        if (header == null) {
            return route;
        }
        OptionalLong client = GrpcTimeout.parseNanos(header.trim());
        if (client.isEmpty()) {
            return -1;
        }
        return Math.max(1, route == 0 ? client.getAsLong() : Math.min(route, client.getAsLong()));
    }

    private static void refuse(Exchange exchange, ErrorKind kind, String detail) {
        exchange.requestBody().discard();
        exchange.response().sendError(new GatewayException(kind, detail));
    }
}
