package dev.polygate.spi;

/**
 * An error with a kind from the gateway's vocabulary and a detail safe to show to a client.
 * It carries no stack trace: it is a value that travels to the client, not a bug report.
 */
public final class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorKind kind;

    public GatewayException(ErrorKind kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
    }

    public GatewayException(ErrorKind kind, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The human-readable explanation given to the client. */
    public String detail() {
        return getMessage();
    }
}
