package dev.polygate.spi;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gateway and its policies learn about one exchange as it goes: the listener it came in on, the
 * route's path variables and the operation it calls once routed, and the principal once authenticated. Like
 * the exchange, it is touched only on the exchange's executor, so it needs no locks.
 */
public final class ExchangeContext {
    private final String listener;
    private InetSocketAddress clientAddress;
    private String route = "-";
    private Map<String, String> pathVariables = Map.of();
    private String operation;
    private Principal principal;
    private Map<Class<?>, Object> attributes;

    public ExchangeContext(String listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The name of the listener the client connected to. */
    public String listener() {
        return listener;
    }

    /**
     * The client's address as the gateway trusts it: the peer's, or the one a PROXY protocol header or a trusted
     * proxy's {@code X-Forwarded-For} / {@code Forwarded} names. What IP rules and per-client limits key on; set by
     * the gateway before the first policy runs.
     */
    public InetSocketAddress clientAddress() {
        return clientAddress;
    }

    public void clientAddress(InetSocketAddress address) {
        this.clientAddress = address;
    }

    /** The name of the route the exchange was given to; {@code -} before routing and when no route matched. */
    public String route() {
        return route;
    }

    public void route(String name) {
        this.route = Objects.requireNonNull(name, "name");
    }

    /**
     * What the route's path captured ({@code {id}} in {@code /users/{id}}), percent-decoding left to the reader;
     * empty before routing and on routes that capture nothing.
     */
    public Map<String, String> pathVariables() {
        return pathVariables;
    }

    public void pathVariables(Map<String, String> variables) {
        this.pathVariables = Map.copyOf(variables);
    }

    /**
     * The operation the request calls, as {@code package.Service/Method}, whatever protocol the client speaks
     * (gRPC, gRPC-Web, REST transcoding, SOAP, WebSocket); empty before routing and on routes that do not name
     * operations (a plain HTTP proxy), or when the request names none that the route knows.
     */
    public Optional<String> operation() {
        return Optional.ofNullable(operation);
    }

    public void operation(String name) {
        this.operation = name;
    }

    /** The authenticated caller; empty until an authentication policy has run, and when none has. */
    public Optional<Principal> principal() {
        return Optional.ofNullable(principal);
    }

    public void principal(Principal caller) {
        this.principal = caller;
    }

    /** A value a policy left for later policies of the same exchange, under its own type. */
    public <T> Optional<T> attribute(Class<T> type) {
        return attributes == null ? Optional.empty() : Optional.ofNullable(type.cast(attributes.get(type)));
    }

    public <T> void attribute(Class<T> type, T value) {
        if (attributes == null) {
            attributes = new HashMap<>(4);
        }
        attributes.put(type, value);
    }
}
