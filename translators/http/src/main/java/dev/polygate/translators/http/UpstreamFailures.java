package dev.polygate.translators.http;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http2.Http2Error;
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
        String where = at(upstream, endpoint);
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof ConnectTimeoutException || root instanceof SslHandshakeTimeoutException) {
            Duration timeout = upstream.config().connectTimeout();
            return new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE,
                    "connecting to " + where + " timed out after " + timeout.toMillis() + "ms", cause);
        }
        if (root instanceof ConnectException || root instanceof NoRouteToHostException) {
            return new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, where + " refused the connection", cause);
        }
        if (root instanceof UnknownHostException) {
            return new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE,
                    "the host of " + where + " cannot be resolved", cause);
        }
        if (root instanceof SSLException) {
            return new GatewayException(ErrorKind.UPSTREAM_PROTOCOL, "the TLS handshake with " + where + " failed", cause);
        }
        return new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "could not connect to " + where, cause);
    }

    static GatewayException closedEarly(Upstream upstream, Endpoint endpoint, boolean headReceived, Http2Error reset) {
        String who = at(upstream, endpoint);
        String what = reset != null ? who + " reset the stream (" + reset + ")" : who + " closed the connection";
        return new GatewayException(ErrorKind.UPSTREAM_PROTOCOL,
                what + (headReceived ? " before the response was complete" : " without sending a response"));
    }

    static GatewayException broken(Upstream upstream, Endpoint endpoint, Throwable cause, boolean headReceived) {
        if (cause instanceof DecoderException) {
            return malformed(upstream, endpoint, cause);
        }
        return new GatewayException(ErrorKind.UPSTREAM_PROTOCOL, "the connection to " + at(upstream, endpoint)
                + " failed " + (headReceived ? "while streaming the response" : "before a response arrived"), cause);
    }

    static GatewayException malformed(Upstream upstream, Endpoint endpoint, Throwable cause) {
        return new GatewayException(ErrorKind.UPSTREAM_PROTOCOL, at(upstream, endpoint) + " sent a malformed response",
                cause);
    }

    static GatewayException malformed(Upstream upstream, Endpoint endpoint, String what) {
        return new GatewayException(ErrorKind.UPSTREAM_PROTOCOL, at(upstream, endpoint) + " sent a malformed response: "
                + what);
    }

    static GatewayException idle(Upstream upstream, Endpoint endpoint, Duration idle, boolean headReceived) {
        return new GatewayException(ErrorKind.UPSTREAM_TIMEOUT, at(upstream, endpoint) + " sent nothing for "
                + idle.toMillis() + "ms " + (headReceived ? "while streaming the response" : "while the response was awaited"));
    }

    static GatewayException total(Upstream upstream, Endpoint endpoint, Duration total) {
        String who = endpoint == null ? "upstream '" + upstream.name() + "'" : at(upstream, endpoint);
        return new GatewayException(ErrorKind.UPSTREAM_TIMEOUT, who + " did not complete the exchange within "
                + total.toMillis() + "ms");
    }

    private static String at(Upstream upstream, Endpoint endpoint) {
        return "upstream '" + upstream.name() + "' (" + endpoint + ")";
    }
}
