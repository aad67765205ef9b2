package dev.polygate.spi;

import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.ReadOnlyHttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An error with a kind from the gateway's vocabulary and a detail safe to show to a client.
 * It carries no stack trace: it is a value that travels to the client, not a bug report.
 *
 * <p>What a client may read and what an operator needs differ: a client learns which configured upstream
 * failed and how, never its address or the exception behind it. The {@linkplain #logDetail() log detail}
 * keeps those for the access log.
 */
public final class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorKind kind;
    private final String logDetail;
    private final transient HttpHeaders headers;

    public GatewayException(ErrorKind kind, String detail) {
        this(kind, detail, null, null);
    }

    public GatewayException(ErrorKind kind, String detail, Throwable cause) {
        this(kind, detail, null, cause);
    }

    /**
     * @param detail    what the client is told; no internal address, URL or exception text
     * @param logDetail what the access log records instead; null when it is the detail itself
     * @param cause     what went wrong underneath, described in the log detail; may be null
     */
    public GatewayException(ErrorKind kind, String detail, String logDetail, Throwable cause) {
        this(kind, detail, logDetail, cause, EmptyHttpHeaders.INSTANCE);
    }

    private GatewayException(ErrorKind kind, String detail, String logDetail, Throwable cause, HttpHeaders headers) {
        super(detail, cause, false, false);
        this.kind = kind;
        this.logDetail = logDetail;
        this.headers = headers;
    }

    /**
     * This error with {@code replacement} as the response headers it carries (in place of those it had), such as
     * {@code WWW-Authenticate}, {@code Retry-After} or {@code RateLimit}: every protocol's rendering of the error
     * sends them.
     */
    public GatewayException withHeaders(HttpHeaders replacement) {
        List<CharSequence> pairs = new ArrayList<>();
        for (Map.Entry<String, String> header : replacement) {
            pairs.add(header.getKey());
            pairs.add(header.getValue());
        }
        return new GatewayException(kind, getMessage(), logDetail, getCause(), pairs.isEmpty()
                ? EmptyHttpHeaders.INSTANCE : new ReadOnlyHttpHeaders(true, pairs.toArray(CharSequence[]::new)));
    }

    /** The response headers to send with this error; empty for most errors. Read-only. */
    public HttpHeaders headers() {
        return headers;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The human-readable explanation given to the client. */
    public String detail() {
        return getMessage();
    }

    /**
     * The explanation the access log keeps: the log detail (or the client's detail when there is none),
     * followed by the cause's type and message when there is a cause.
     */
    public String logDetail() {
        String text = logDetail != null ? logDetail : String.valueOf(getMessage());
        Throwable cause = getCause();
        if (cause == null || cause instanceof GatewayException) {
            return text;
        }
        return text + " (" + cause.getClass().getName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")";
    }
}
