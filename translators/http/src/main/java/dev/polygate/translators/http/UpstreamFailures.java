package dev.polygate.translators.http;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameStreamException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/** Turns what went wrong with an upstream into the detail a client sees: it names the upstream, never a trace. */
final class UpstreamFailures {
    private UpstreamFailures() {
    }

    static GatewayException noEndpoints(Upstream upstream) {
        return new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "upstream '" + upstream.name() + "' has no endpoints");
    }

    static GatewayException allBusy(Upstream upstream) {
        return new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "upstream '" + upstream.name()
                + "': every endpoint already has " + upstream.config().maxConnectionsPerLoop()
                + " busy connections from this event loop");
    }

    /** Building or encoding the upstream request failed: a head the edge accepted but Netty will not write. */
    static GatewayException unsendable(Upstream upstream, RuntimeException cause) {
        return new GatewayException(ErrorKind.INTERNAL, "the request could not be encoded for upstream '"
                + upstream.name() + "'", cause);
    }

    static GatewayException connectFailed(Upstream upstream, Endpoint endpoint, Throwable cause) {
        if (cause instanceof GatewayException gateway) {
            return gateway;
        }
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof ConnectTimeoutException || root instanceof SslHandshakeTimeoutException) {
            Duration timeout = upstream.config().connectTimeout();
            return failure(ErrorKind.UPSTREAM_UNAVAILABLE, upstream, endpoint,
                    "connecting to %s timed out after " + timeout.toMillis() + "ms", cause);
        }
        if (root instanceof ConnectException || root instanceof NoRouteToHostException) {
            return failure(ErrorKind.UPSTREAM_UNAVAILABLE, upstream, endpoint, "%s refused the connection", cause);
        }
        if (root instanceof UnknownHostException) {
            return failure(ErrorKind.UPSTREAM_UNAVAILABLE, upstream, endpoint, "the host of %s cannot be resolved",
                    cause);
        }
        if (root instanceof SSLException) {
            return failure(ErrorKind.UPSTREAM_PROTOCOL, upstream, endpoint, "the TLS handshake with %s failed", cause);
        }
        return failure(ErrorKind.UPSTREAM_UNAVAILABLE, upstream, endpoint, "could not connect to %s", cause);
    }

    static GatewayException closedEarly(Upstream upstream, Endpoint endpoint, boolean headReceived, Http2Error reset) {
        String what = (reset != null ? "%s reset the stream (" + reset + ")" : "%s closed the connection")
                + (headReceived ? " before the response was complete" : " without sending a response");
        return failure(ErrorKind.UPSTREAM_PROTOCOL, upstream, endpoint, what, null);
    }

    static GatewayException broken(Upstream upstream, Endpoint endpoint, Throwable cause, boolean headReceived) {
        if (cause instanceof DecoderException || isHttp2ProtocolError(cause)) {
            return malformed(upstream, endpoint, cause);
        }
        return failure(ErrorKind.UPSTREAM_PROTOCOL, upstream, endpoint, "the connection to %s failed "
                + (headReceived ? "while streaming the response" : "before a response arrived"), cause);
    }

    /**
     * What HTTP/2 calls a malformed message (RFC 9113 8.1.1), seen by the stream's decoder: a field value that starts
     * with a space, an upper-case name, a pseudo-header out of place. The stream is reset; the connection goes on.
     */
    private static boolean isHttp2ProtocolError(Throwable cause) {
        for (Throwable at = cause; at != null; at = at.getCause()) {
            if (at instanceof Http2FrameStreamException stream && stream.error() == Http2Error.PROTOCOL_ERROR
                    || at instanceof Http2Exception http2 && http2.error() == Http2Error.PROTOCOL_ERROR) {
                return true;
            }
        }
        return false;
    }

    static GatewayException malformed(Upstream upstream, Endpoint endpoint, Throwable cause) {
        return failure(ErrorKind.UPSTREAM_PROTOCOL, upstream, endpoint, "%s sent a malformed response", cause);
    }

    static GatewayException malformed(Upstream upstream, Endpoint endpoint, String what) {
        return failure(ErrorKind.UPSTREAM_PROTOCOL, upstream, endpoint, "%s sent a malformed response: " + what, null);
    }

    static GatewayException idle(Upstream upstream, Endpoint endpoint, Duration idle, boolean headReceived) {
        return failure(ErrorKind.UPSTREAM_TIMEOUT, upstream, endpoint, "%s sent nothing for " + idle.toMillis() + "ms "
                + (headReceived ? "while streaming the response" : "while the response was awaited"), null);
    }

    static GatewayException total(Upstream upstream, Endpoint endpoint, Duration total) {
        return failure(ErrorKind.UPSTREAM_TIMEOUT, upstream, endpoint, "%s did not complete the exchange within "
                + total.toMillis() + "ms", null);
    }

    /**
     * An upstream failure told twice: the client reads the upstream's configured name, the access log also its
     * address and the cause. The first {@code %s} of {@code what} is where the upstream is named (text
     * after it may come from the upstream and is left as it is).
     */
    private static GatewayException failure(ErrorKind kind, Upstream upstream, Endpoint endpoint, String what,
                                            Throwable cause) {
        String named = "upstream '" + upstream.name() + "'";
        String located = endpoint == null ? named : named + " (" + endpoint + ")";
        int at = what.indexOf("%s");
        String before = what.substring(0, at);
        String after = what.substring(at + 2);
        return new GatewayException(kind, before + named + after, before + located + after, cause);
    }
}
