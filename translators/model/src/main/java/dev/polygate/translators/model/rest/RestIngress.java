package dev.polygate.translators.model.rest;

import com.google.protobuf.Descriptors;
import com.google.protobuf.TypeRegistry;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.translators.model.call.CallOpener;
import dev.polygate.translators.model.transcoding.HttpRuleIndex;
import dev.polygate.translators.model.transcoding.RequestTranscoder;
import dev.polygate.translators.model.transcoding.ResponseTranscoder;
import dev.polygate.translators.model.transcoding.RuleLookup;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.util.Optional;

/**
 * REST/JSON clients of an operation's backend (gRPC today; any {@link CallOpener}): the request's method and path pick an operation by its
 * google.api.http rules, the JSON becomes a protobuf message, and the answer comes back as JSON (one
 * document, NDJSON, or Server-Sent Events for server streaming).
 */
public final class RestIngress {
    private final Transcoding transcoding;
    private final CallOpener backend;
    private final RestSettings settings;
    private final ErrorRenderer errors;

    /** The schema-derived part, replaced as a whole when the schema is refreshed. */
    public record Transcoding(HttpRuleIndex rules, RequestTranscoder requests, ResponseTranscoder responses,
                              TypeRegistry types) {
    }

    public RestIngress(Transcoding transcoding, CallOpener backend, RestSettings settings) {
        this(transcoding, backend, settings, ErrorRenderer.statusJson(transcoding.types()));
    }

    /** With errors written by {@code errors} instead of as {@code google.rpc.Status} JSON. */
    public RestIngress(Transcoding transcoding, CallOpener backend, RestSettings settings, ErrorRenderer errors) {
        this.transcoding = transcoding;
        this.backend = backend;
        this.settings = settings;
        this.errors = errors;
    }

    /** The schema-derived converters this ingress uses. */
    public Transcoding transcoding() {
        return transcoding;
    }

    /** Opens the calls to the backend. */
    public CallOpener backend() {
        return backend;
    }

    /** The route's REST settings: forwarded headers, message size limit, deadline. */
    public RestSettings settings() {
        return settings;
    }

    /** How errors are written as JSON on this route. */
    public ErrorRenderer errors() {
        return errors;
    }

    /**
     * The method a REST request calls on this route (HEAD as GET); empty when none is bound to it. What the rules
     * found is kept in the exchange's context for {@link #handle}.
     */
    public Optional<Descriptors.MethodDescriptor> methodOf(Exchange exchange, String httpMethod, String rawPath) {
        try {
            RuleLookup lookup = lookup(exchange, httpMethod.equals("HEAD") ? "GET" : httpMethod, rawPath);
            return lookup instanceof RuleLookup.Found found ? Optional.of(found.match().method()) : Optional.empty();
        } catch (GatewayException malformedPath) {
            return Optional.empty();
        }
    }

    /**
     * Ends an exchange a policy refused, as this route writes its errors (its {@link ErrorRenderer}), with the
     * error's headers.
     */
    public void reject(Exchange exchange, GatewayException error) {
        exchange.error(error);
        exchange.requestBody().discard();
        RestAnswers.status(exchange.response(), error.kind().httpStatus(), GrpcStatus.of(error),
                new DefaultHttpHeaders().add(error.headers()), errors);
    }

    public void handle(Exchange exchange) {
        String path = exchange.request().path();
        int query = path.indexOf('?');
        String rawPath = query < 0 ? path : path.substring(0, query);
        RuleLookup lookup = lookup(exchange, exchange.request().method(), rawPath);
        if (lookup instanceof RuleLookup.Found found) {
            new RestCall(exchange, found.match(), transcoding, backend, settings, errors).start();
        } else if (lookup instanceof RuleLookup.MethodNotAllowed notAllowed) {
            exchange.requestBody().discard();
            RestAnswers.methodNotAllowed(exchange.response(), notAllowed.allowed(), errors);
        } else {
            exchange.requestBody().discard();
            String method = exchange.request().method();
            // HEAD is answered as GET would be, down to the length of the error text
            RestAnswers.status(exchange.response(), new GrpcStatus(GrpcStatusCode.NOT_FOUND,
                    "no operation is bound to " + (method.equals("HEAD") ? "GET" : method) + " " + rawPath, null),
                    errors);
        }
    }

    private RuleLookup lookup(Exchange exchange, String httpMethod, String rawPath) {
        HttpRuleIndex rules = transcoding.rules();
        return ResolvedOperation.resolve(exchange, rules, httpMethod, rawPath, RuleLookup.class,
                () -> rules.lookup(httpMethod, rawPath));
    }

    static GatewayException badRequest(String detail) {
        return new GatewayException(ErrorKind.BAD_REQUEST, detail);
    }
}
