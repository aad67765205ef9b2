package dev.polygate.translators.model.transcoding;

import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.TypeRegistry;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import java.nio.charset.StandardCharsets;

/**
 * How request bodies become messages and response messages become JSON. The default, {@link #protoJson}, is
 * the proto3 JSON mapping; a front end whose messages stand for another format (XSD-derived descriptors, whose
 * JSON keys, nulls and scalars follow the XML) supplies its own to {@link RequestTranscoder} and
 * {@link ResponseTranscoder} and keeps the HTTP binding, path and query handling.
 *
 * <p>The transcoders also hand a codec wrapper messages: for {@code body: "field"} the body is merged as
 * {@code {"<json name>": body}} (into the request itself when the field is a message, into an empty request
 * whose field is then copied otherwise; proto3 JSON merges a message body directly); for a non-message
 * {@code response_body} a message with only that field set is printed and the value after the first key is
 * answered. A codec therefore has to accept and print a message with one field set. Implementations must be
 * thread-safe.
 */
public interface JsonCodec {

    /**
     * Merges one JSON document into the builder. Client mistakes are a {@link GatewayException} of kind
     * {@link ErrorKind#BAD_REQUEST} whose detail names the field.
     */
    void merge(String json, Message.Builder builder) throws GatewayException;

    /**
     * Prints one message as compact, single-line JSON.
     *
     * @throws IllegalArgumentException when the message cannot be rendered (e.g. an Any of an unknown type)
     */
    String print(MessageOrBuilder message);

    /**
     * As {@link #print}, in UTF-8: what a response body needs. A codec that can write bytes directly saves the
     * String in between.
     */
    default byte[] printUtf8(MessageOrBuilder message) {
        return print(message).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Called by {@link RequestTranscoder} once body, path variables and query parameters are all applied, just
     * before the request is built. A format with required fields checks the top level here rather than in
     * {@link #merge}, since the path or query may set what the body leaves out. The default accepts anything.
     */
    default void checkComplete(MessageOrBuilder request) throws GatewayException {
    }

    /** The proto3 JSON mapping, as JsonFormat reads and writes it, with the transcoders' strictness and messages. */
    static JsonCodec protoJson(TranscodingOptions options, TypeRegistry types) {
        return new ProtoJsonCodec(options, types);
    }
}
