package dev.polygate.translators.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.Translator;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.TranslatorFactory;
import dev.polygate.spi.UpstreamConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/** The {@code websocket} translator: WebSocket passthrough to {@code ws://} and {@code wss://} upstreams. */
public final class WebSocketTranslatorFactory implements TranslatorFactory {
    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public Translator create(JsonNode config, TranslatorContext context) throws ConfigException {
        WsBackendConfig backend = WsBackendConfig.parse(config, context);
        SslContext ssl = backend.endpoints().stream().anyMatch(WsEndpoint::secure)
                ? tls(backend.upstream(), context.configDirectory(), backend.http2()) : null;
        return new WebSocketTranslator(backend, new BackendConnector(backend, context.transport(), context.resolver(), ssl),
                context.shared().get(EventStreamSessions.class, EventStreamSessions::new));
    }

    /**
     * A client TLS context for the upstream's trust settings: ALPN offering h2 alone for RFC 8441, none for the
     * HTTP/1.1 upgrade (HTTP/1.1 is what a server without ALPN speaks).
     */
    private static SslContext tls(UpstreamConfig upstream, Path configDirectory, boolean http2) throws ConfigException {
        UpstreamConfig.UpstreamTls tls = upstream.tls() == null ? UpstreamConfig.UpstreamTls.DEFAULT : upstream.tls();
        SslContextBuilder builder = SslContextBuilder.forClient();
        if (http2) {
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2));
        }
        if (tls.insecure()) {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
        } else {
            builder.endpointIdentificationAlgorithm("HTTPS");
            if (tls.caFile() != null) {
                Path caFile = configDirectory == null ? tls.caFile() : configDirectory.resolve(tls.caFile());
                if (!Files.isReadable(caFile)) {
                    throw new ConfigException("upstream", "upstream '" + upstream.name() + "': tls.caFile " + caFile
                            + " cannot be read");
                }
                builder.trustManager(caFile.toFile());
            }
        }
        try {
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigException("upstream", "upstream '" + upstream.name() + "': cannot set up TLS: " + e.getMessage());
        }
    }
}
