package dev.polygate.translators.grpc.schema;

import dev.polygate.spi.ConfigException;
import dev.polygate.spi.UpstreamConfig.UpstreamTls;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.net.URI;

/**
 * A short-lived grpc-java channel to one upstream endpoint, for reflection only. It runs on grpc-java's
 * shaded Netty, separate from the gateway's event loops, because reflection happens before (or beside)
 * the gateway's own upstream pools and blocks its caller.
 */
final class ReflectionChannel {
    /** Descriptor answers of large APIs exceed grpc-java's 4 MiB default. */
    private static final int MAX_MESSAGE_BYTES = 64 << 20;

    private ReflectionChannel() {
    }

    static ManagedChannel open(URI endpoint, UpstreamTls tls) throws ConfigException {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(java.util.Locale.ROOT);
        String host = endpoint.getHost();
        if (host == null) {
            throw new ConfigException("", "endpoint " + endpoint + " has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean secure = scheme.equals("https");
        if (!secure && !scheme.equals("h2c") && !scheme.equals("http")) {
            throw new ConfigException("", "endpoint " + endpoint + ": reflection needs h2c://, http:// or https://");
        }
        int port = endpoint.getPort() != -1 ? endpoint.getPort() : secure ? 443 : 80;
        UpstreamTls trust = tls == null ? UpstreamTls.DEFAULT : tls;
        // http:// toward a gRPC backend can only mean HTTP/2 with prior knowledge: gRPC has no HTTP/1.1 form.
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(host, port,
                secure ? tlsCredentials(trust) : InsecureChannelCredentials.create());
        if (secure && trust.serverName() != null) {
            builder.overrideAuthority(trust.serverName());
        }
        return builder.directExecutor() // the response observer only hands messages to a queue
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .userAgent("polygate-schema")
                .build();
    }

    private static ChannelCredentials tlsCredentials(UpstreamTls tls) throws ConfigException {
        TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
        if (tls.insecure()) {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE.getTrustManagers());
        } else if (tls.caFile() != null) {
            try {
                builder.trustManager(tls.caFile().toFile());
            } catch (IOException e) {
                throw new ConfigException("", "cannot read the CA file " + tls.caFile() + ": " + e.getMessage());
            }
        }
        return builder.build();
    }
}
