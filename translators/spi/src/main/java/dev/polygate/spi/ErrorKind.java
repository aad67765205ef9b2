package dev.polygate.spi;

/**
 * The gateway's one error vocabulary. Each kind has one HTTP status and one gRPC status code, so an
 * error raised anywhere is rendered the same way in every client protocol.
 */
public enum ErrorKind {
    BAD_REQUEST(400, "Bad Request", 3),
    UNAUTHENTICATED(401, "Unauthorized", 16),
    PERMISSION_DENIED(403, "Forbidden", 7),
    NOT_FOUND(404, "Not Found", 5),
    PAYLOAD_TOO_LARGE(413, "Payload Too Large", 8),
    URI_TOO_LONG(414, "URI Too Long", 3),
    HEADERS_TOO_LARGE(431, "Request Header Fields Too Large", 8),
    RATE_LIMITED(429, "Too Many Requests", 8),
    INTERNAL(500, "Internal Server Error", 13),
    UPSTREAM_PROTOCOL(502, "Bad Gateway", 13),
    UPSTREAM_UNAVAILABLE(503, "Service Unavailable", 14),
    UPSTREAM_TIMEOUT(504, "Gateway Timeout", 4);

    private final int httpStatus;
    private final String title;
    private final int grpcCode;

    ErrorKind(int httpStatus, String title, int grpcCode) {
        this.httpStatus = httpStatus;
        this.title = title;
        this.grpcCode = grpcCode;
    }

    /** The HTTP status a REST client sees. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The reason phrase, used as the problem+json title. */
    public String title() {
        return title;
    }

    /** The gRPC status code a gRPC or gRPC-Web client sees. */
    public int grpcCode() {
        return grpcCode;
    }
}
