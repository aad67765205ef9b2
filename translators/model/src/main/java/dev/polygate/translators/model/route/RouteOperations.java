package dev.polygate.translators.model.route;

import com.google.protobuf.Descriptors;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.translators.model.rest.RestIngress;
import dev.polygate.translators.model.web.ClientProtocol;
import dev.polygate.translators.model.websocket.WebSocketIngress;
import java.util.Optional;
import java.util.function.Function;

/**
 * A message-model route's operations as each client protocol names them: the gRPC path for gRPC and gRPC-Web, the
 * HTTP rule for REST, either for a WebSocket handshake by its subprotocol. The policies of the route see the
 * operation whatever protocol brought the request, and their refusals reach each client in its own dialect.
 */
public final class RouteOperations {
    private final RestIngress rest;
    private final WebSocketIngress webSocket;
    private final Function<String, Descriptors.MethodDescriptor> grpcMethods;

    /** @param grpcMethods the route's methods by gRPC path, {@code /package.Service/Method}; null when none */
    public RouteOperations(RestIngress rest, WebSocketIngress webSocket,
                           Function<String, Descriptors.MethodDescriptor> grpcMethods) {
        this.rest = rest;
        this.webSocket = webSocket;
        this.grpcMethods = grpcMethods;
    }

    /** {@code package.Service/Method}, the name policies are written against. */
    public static String name(Descriptors.MethodDescriptor method) {
        return method.getService().getFullName() + "/" + method.getName();
    }

    /** The operation the exchange calls, judged from its head; empty when it names none of the route's. */
    public Optional<String> operationOf(Exchange exchange) {
        Optional<Descriptors.MethodDescriptor> method;
        if (exchange.webSocket().isPresent()) {
            method = webSocket.methodOf(exchange);
        } else {
            String path = exchange.request().path();
            int query = path.indexOf('?');
            String rawPath = query < 0 ? path : path.substring(0, query);
            method = switch (ClientProtocol.of(exchange.request())) {
                case GRPC, GRPC_WEB -> Optional.ofNullable(grpcMethods.apply(rawPath));
                default -> rest.methodOf(exchange, exchange.request().method(), rawPath);
            };
        }
        return method.map(RouteOperations::name);
    }

    /**
     * Ends a refused exchange in the client's dialect: the route's JSON errors for REST, and the gateway's own
     * rendering ({@code grpc-status}, or an HTTP answer refusing a WebSocket handshake) for the rest.
     */
    public void reject(Exchange exchange, GatewayException error) {
        if (exchange.webSocket().isEmpty() && ClientProtocol.of(exchange.request()) == ClientProtocol.OTHER) {
            rest.reject(exchange, error);
        } else {
            exchange.response().sendError(error);
        }
    }
}
