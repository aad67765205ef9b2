package dev.polygate.translators.model.websocket;

import dev.polygate.translators.model.wire.GrpcException;
import dev.polygate.translators.model.wire.GrpcFrames;
import dev.polygate.translators.model.wire.GrpcHeaders;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/**
 * The {@code grpc-websockets} framing of improbable-eng's gRPC-Web WebSocket transport. From the client: a first
 * message holding the request headers as {@code name: value\r\n} lines, then messages of a {@code 0x00} byte
 * followed by gRPC length-prefixed frames, and a message of the single byte {@code 0x01} to half-close. From the
 * server, binary messages of gRPC-Web frames: the response headers as a {@code 0x80} frame, the messages as
 * {@code 0x00} frames, the trailers (with {@code grpc-status}) as a last {@code 0x80} frame.
 */
public final class GrpcWebSocketFraming {
    /** The subprotocol that selects this framing. */
    public static final String SUBPROTOCOL = "grpc-websockets";
    /** The first byte of a client message carrying gRPC frames. */
    public static final int MESSAGES = 0x00;
    /** The one byte of the client message that half-closes. */
    public static final int HALF_CLOSE = 0x01;

    /** What one client message after the header block is. */
    public enum Kind { MESSAGES, HALF_CLOSE }

    private GrpcWebSocketFraming() {
    }

    /**
     * The header block: {@code name: value} lines separated by CRLF (or LF); names lower-cased.
     *
     * @throws GrpcException INVALID_ARGUMENT for a line without a name, or a name or value that HTTP headers
     *                       cannot carry (a name that is no token, a control character in a value)
     */
    public static HttpHeaders headerBlock(ByteBuf payload) {
        String text = payload.toString(StandardCharsets.ISO_8859_1);
        HttpHeaders headers = new DefaultHttpHeaders();
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new GrpcException(GrpcStatusCode.INVALID_ARGUMENT,
                        "the header block has a line without a name and a colon");
            }
            String name = line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
            try {
                headers.add(name, line.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new GrpcException(GrpcStatusCode.INVALID_ARGUMENT,
                        "the header block's header '" + printable(name) + "' is not a valid HTTP header");
            }
        }
        return headers;
    }

    /**
     * Checks the flags of a client's gRPC frame, as for any gRPC-Web request: {@code 0x00}, or {@code 0x01} for a
     * compressed message, which the gateway does not take.
     *
     * @throws GrpcException INVALID_ARGUMENT for any other flag (a trailers frame {@code 0x80} among them),
     *                       UNIMPLEMENTED for a compressed message
     */
    public static void checkRequestFlags(int flags) {
        if ((flags & ~GrpcFrames.COMPRESSED) != 0) {
            throw new GrpcException(GrpcStatusCode.INVALID_ARGUMENT, String.format(
                    "a request message has flags 0x%02x; only 0x00 and 0x01 (compressed) are allowed", flags));
        }
        if (flags != 0) {
            throw new GrpcException(GrpcStatusCode.UNIMPLEMENTED, "compressed messages are not supported");
        }
    }

    /** The name as it can be shown in a status message: characters outside printable ASCII as {@code ?}. */
    private static String printable(String name) {
        StringBuilder shown = new StringBuilder(Math.min(name.length(), 64));
        for (int i = 0; i < name.length() && i < 64; i++) {
            char c = name.charAt(i);
            shown.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return shown.toString();
    }

    /**
     * Reads the first byte of a client message after the header block; for {@link Kind#MESSAGES} the reader
     * index is left after it, on the gRPC frames.
     */
    public static Kind kind(ByteBuf payload) {
        if (!payload.isReadable()) {
            throw new GrpcException(GrpcStatusCode.INVALID_ARGUMENT, "an empty grpc-websockets message");
        }
        int first = payload.readUnsignedByte();
        if (first == HALF_CLOSE && !payload.isReadable()) {
            return Kind.HALF_CLOSE;
        }
        if (first == MESSAGES) {
            return Kind.MESSAGES;
        }
        throw new GrpcException(GrpcStatusCode.INVALID_ARGUMENT, String.format(
                "a grpc-websockets message starts with 0x00 (messages) or is the one byte 0x01 (half-close), not 0x%02x",
                first));
    }

    /** The response headers as a gRPC-Web {@code 0x80} frame: the content type and the backend's metadata. */
    public static ByteBuf headersFrame(ByteBufAllocator alloc, HttpHeaders backendHeaders) {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set("content-type", "application/grpc-web+proto");
        GrpcHeaders.copyMetadata(backendHeaders, headers);
        return GrpcFrames.trailerFrame(alloc, headers);
    }

    /** The trailers frame: the backend's trailing metadata and the status. */
    public static ByteBuf trailersFrame(ByteBufAllocator alloc, HttpHeaders backendTrailers, GrpcStatus status) {
        HttpHeaders trailers = new DefaultHttpHeaders();
        GrpcHeaders.copyMetadata(backendTrailers, trailers);
        status.writeTo(trailers);
        return GrpcFrames.trailerFrame(alloc, trailers);
    }

    /** A trailers-only answer: one {@code 0x80} frame with the content type, metadata and the status. */
    public static ByteBuf trailersOnlyFrame(ByteBufAllocator alloc, HttpHeaders backendTrailers, GrpcStatus status) {
        HttpHeaders trailers = new DefaultHttpHeaders();
        trailers.set("content-type", "application/grpc-web+proto");
        GrpcHeaders.copyMetadata(backendTrailers, trailers);
        status.writeTo(trailers);
        return GrpcFrames.trailerFrame(alloc, trailers);
    }
}
