package dev.polygate.translators.model.wire;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which headers belong to gRPC itself and which are application metadata, and the base64 form of
 * {@code -bin} metadata. Metadata is what a gateway forwards unchanged between protocols; the reserved
 * headers are regenerated for each hop.
 */
public final class GrpcHeaders {
    public static final AsciiString GRPC_STATUS = AsciiString.cached("grpc-status");
    public static final AsciiString GRPC_MESSAGE = AsciiString.cached("grpc-message");
    public static final AsciiString GRPC_STATUS_DETAILS_BIN = AsciiString.cached("grpc-status-details-bin");
    public static final AsciiString GRPC_TIMEOUT = AsciiString.cached("grpc-timeout");
    public static final AsciiString GRPC_ENCODING = AsciiString.cached("grpc-encoding");
    public static final AsciiString GRPC_ACCEPT_ENCODING = AsciiString.cached("grpc-accept-encoding");
    public static final AsciiString TRAILERS = AsciiString.cached("trailers");
    public static final String APPLICATION_GRPC = "application/grpc";

    /** Names never treated as metadata, besides pseudo-headers and the {@code grpc-} prefix. */
    private static final Set<String> RESERVED = Set.of(
            "content-type", "content-length", "te", "user-agent", "host",
            "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "trailer");

    private GrpcHeaders() {
    }

    /**
     * True for headers gRPC defines or that describe one hop: pseudo-headers, {@code content-type},
     * {@code te}, {@code user-agent}, every {@code grpc-*} name and the hop-by-hop headers.
     */
    public static boolean isReserved(CharSequence name) {
        String lower = name.toString().toLowerCase(Locale.ROOT);
        return lower.startsWith(":") || lower.startsWith("grpc-") || RESERVED.contains(lower);
    }

    /** True for application metadata: everything that is not {@link #isReserved reserved}. */
    public static boolean isMetadata(CharSequence name) {
        return !isReserved(name);
    }

    /** True for binary metadata, whose values travel base64-encoded. */
    public static boolean isBinary(CharSequence name) {
        return AsciiString.of(name).toLowerCase().endsWith("-bin");
    }

    /** Copies every metadata header of {@code from} into {@code to}. */
    public static void copyMetadata(HttpHeaders from, HttpHeaders to) {
        for (Map.Entry<String, String> entry : from) {
            if (isMetadata(entry.getKey())) {
                to.add(entry.getKey(), entry.getValue());
            }
        }
    }

    /** True for {@code application/grpc}, {@code application/grpc+proto} and parameters thereof, not gRPC-Web. */
    public static boolean isGrpcContentType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String lower = contentType.trim().toLowerCase(Locale.ROOT);
        if (!lower.startsWith(APPLICATION_GRPC)) {
            return false;
        }
        if (lower.length() == APPLICATION_GRPC.length()) {
            return true;
        }
        char next = lower.charAt(APPLICATION_GRPC.length());
        return next == '+' || next == ';' || next == ' ';
    }

    /** The {@code -bin} form of a value: base64 without padding, which every gRPC implementation accepts. */
    public static String encodeBinary(byte[] value) {
        return Base64.getEncoder().withoutPadding().encodeToString(value);
    }

    /**
     * Decodes a {@code -bin} value sent padded or unpadded.
     *
     * @throws IllegalArgumentException when it is not base64
     */
    public static byte[] decodeBinary(String value) {
        String trimmed = value.trim();
        int end = trimmed.length();
        while (end > 0 && trimmed.charAt(end - 1) == '=') {
            end--;
        }
        // Base64.Decoder accepts unpadded input only when no padding at all is present.
        return Base64.getDecoder().decode(trimmed.substring(0, end));
    }
}
