package dev.polygate.edge.exchange;

import dev.polygate.spi.ClientInfo;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** Who is on the other end of a connection: computed once per connection and shared by its streams. */
final class ConnectionInfo {
    private static final AttributeKey<ClientInfo> CLIENT = AttributeKey.valueOf("polygate.client");

    private ConnectionInfo() {
    }

    static ClientInfo client(Channel channel, boolean http2Stream, HttpVersion version) {
        Channel connection = http2Stream && channel.parent() != null ? channel.parent() : channel;
        ClientInfo info = connection.attr(CLIENT).get();
        if (info == null) {
            info = describe(connection, http2Stream ? "HTTP/2" : version.text());
            connection.attr(CLIENT).set(info);
        }
        return info;
    }

    private static ClientInfo describe(Channel connection, String protocol) {
        InetSocketAddress proxied = ProxiedSource.of(connection);
        InetSocketAddress remote = proxied != null ? proxied
                : connection.remoteAddress() instanceof InetSocketAddress a ? a : new InetSocketAddress("0.0.0.0", 0);
        SslHandler ssl = connection.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return new ClientInfo(remote, protocol, false, null, List.of());
        }
        SSLSession session = ssl.engine().getSession();
        return new ClientInfo(remote, protocol, true, serverName(session), peerCertificates(session));
    }

    private static String serverName(SSLSession session) {
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    return host.getAsciiName();
                }
            }
        }
        return null;
    }

    private static List<X509Certificate> peerCertificates(SSLSession session) {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : session.getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
            return List.copyOf(chain);
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }
}
