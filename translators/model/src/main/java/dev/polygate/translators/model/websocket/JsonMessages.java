package dev.polygate.translators.model.websocket;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import dev.polygate.spi.GatewayException;
import dev.polygate.translators.model.rest.ErrorRenderer;
import dev.polygate.translators.model.rest.RestIngress;
import dev.polygate.translators.model.transcoding.PreparedRequest;
import dev.polygate.translators.model.transcoding.RuleMatch;
import dev.polygate.translators.model.wire.GrpcStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The JSON of one session's messages, as the route's REST ingress reads and writes it. Each text message is
 * the request's body for the binding the handshake's path matched; the path's variables and the query's
 * parameters are then set on it, as for a REST request. A binding without a body (a {@code get}) takes the
 * whole message from the text, with the path and query values set over it.
 */
final class JsonMessages {
    private static final byte[] ERROR_START = "{\"error\":".getBytes(StandardCharsets.US_ASCII);

    private final RestIngress.Transcoding transcoding;
    private final ErrorRenderer errors;
    private final RuleMatch match;
    private final boolean textIsWholeMessage;
    private final PreparedRequest requests;
    private final PreparedRequest wholeMessages;

    /**
     * @param wholeBody the method's binding with {@code body: "*"} and no variables, used when {@code match}'s
     *                  binding takes no body
     */
    JsonMessages(RestIngress.Transcoding transcoding, ErrorRenderer errors, RuleMatch match, RuleMatch wholeBody,
                 Map<String, List<String>> query) {
        this.transcoding = transcoding;
        this.errors = errors;
        this.match = match;
        String body = match.binding().bodyField();
        this.textIsWholeMessage = body.isEmpty() && wholeBody != null;
        this.requests = transcoding.requests().prepare(match, query);
        this.wholeMessages = textIsWholeMessage ? transcoding.requests().prepare(wholeBody, Map.of()) : null;
    }

    /**
     * The request message of one text message ({@code json} empty: from the path and query alone).
     *
     * @throws GatewayException BAD_REQUEST naming what is wrong
     */
    DynamicMessage request(String json) {
        if (json.isEmpty() || !textIsWholeMessage) {
            return requests.request(json);
        }
        DynamicMessage fromText = wholeMessages.request(json);
        DynamicMessage fromRequest = requests.request("");
        return fromText.toBuilder().mergeFrom(fromRequest).build();
    }

    /** The bytes of a response message from a connector, whose buffer is released. */
    static byte[] bytes(ByteBuf message) {
        try {
            return ByteBufUtil.getBytes(message);
        } finally {
            message.release();
        }
    }

    /** A response message as the REST ingress writes it. */
    byte[] response(byte[] protobuf) {
        return transcoding.responses().responseLine(match, protobuf);
    }

    /** As {@link #response(byte[])}, for a message the connector built. */
    byte[] response(Message message) {
        return transcoding.responses().responseLine(match, message);
    }

    /** {@code {"error": <the status as the REST ingress writes errors>}}. */
    byte[] error(GrpcStatus status) {
        byte[] rendered = errors.render(status, status.code().httpStatus()).body();
        byte[] framed = new byte[ERROR_START.length + rendered.length + 1];
        System.arraycopy(ERROR_START, 0, framed, 0, ERROR_START.length);
        System.arraycopy(rendered, 0, framed, ERROR_START.length, rendered.length);
        framed[framed.length - 1] = '}';
        return framed;
    }
}
