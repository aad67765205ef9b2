package dev.polygate.translators.http;

import dev.polygate.spi.ConfigException;
import dev.polygate.spi.UpstreamConfig;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/** Builds the one client TLS context of an upstream: its trust, ALPN h2 then http/1.1, host name checks. */
final class UpstreamTlsContext {
    private UpstreamTlsContext() {
    }

    /**
     * @return null when no endpoint uses TLS
     * @throws ConfigException at path {@code upstream} when the CA file cannot be used
     */
    static SslContext build(UpstreamConfig upstream, Path configDirectory) throws ConfigException {
        boolean needsTls = upstream.endpoints().stream()
                .anyMatch(uri -> Scheme.of(uri.getScheme()) == Scheme.HTTPS);
        if (!needsTls) {
            return null;
        }
        UpstreamConfig.UpstreamTls tls = upstream.tls() == null ? UpstreamConfig.UpstreamTls.DEFAULT : upstream.tls();
        SslContextBuilder builder = SslContextBuilder.forClient()
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1));
        if (tls.insecure()) {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
        } else {
            builder.endpointIdentificationAlgorithm("HTTPS");
            if (tls.caFile() != null) {
                Path caFile = configDirectory == null ? tls.caFile() : configDirectory.resolve(tls.caFile());
                if (!Files.isReadable(caFile)) {
                    throw new ConfigException("upstream", "upstream '" + upstream.name()
                            + "': tls.caFile " + caFile + " cannot be read");
                }
                builder.trustManager(caFile.toFile());
            }
        }
        try {
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigException("upstream", "upstream '" + upstream.name()
                    + "': cannot set up TLS: " + e.getMessage());
        }
    }
}
