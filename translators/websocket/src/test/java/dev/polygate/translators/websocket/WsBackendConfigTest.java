package dev.polygate.translators.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.GatewayShared;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.TransportKind;
import dev.polygate.spi.UpstreamConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WsBackendConfigTest {
    private static final UpstreamConfig CHAT = new UpstreamConfig("chat",
            List.of(URI.create("ws://127.0.0.1:9000"), URI.create("wss://chat.internal")), UpstreamConfig.UpstreamTls.DEFAULT,
            Duration.ofSeconds(5), Duration.ofSeconds(60), 512);

    private static final GatewayShared SHARED = new GatewayShared();

    private static final TranslatorContext CONTEXT = new TranslatorContext() {
        @Override
        public Optional<UpstreamConfig> upstream(String name) {
            return name.equals("chat") ? Optional.of(CHAT) : Optional.empty();
        }

        @Override
        public Set<String> upstreamNames() {
            return Set.of("chat");
        }

        @Override
        public Path configDirectory() {
            return null;
        }

        @Override
        public TransportKind transport() {
            return TransportKind.NIO;
        }

        @Override
        public GatewayShared shared() {
            return SHARED;
        }
    };

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void readsEndpointsAndDefaults() throws Exception {
        WsBackendConfig config = WsBackendConfig.parse(json("{\"upstream\":\"chat\"}"), CONTEXT);
        assertThat(config.endpoints()).extracting(WsEndpoint::secure).containsExactly(false, true);
        assertThat(config.endpoints().get(1).authority()).isEqualTo("chat.internal:443");
        assertThat(config.hostHeader()).isNull();
        assertThat(config.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.allowedOrigins().allows("https://any.where")).isTrue();
    }

    @Test
    void reportsEveryProblemWithItsPath() throws Exception {
        assertThatThrownBy(() -> WsBackendConfig.parse(json("{\"upstream\":\"nope\",\"allowedOrigins\":[\"x\"],"
                + "\"handshakeTimeout\":\"soon\",\"maxFrameSize\":\"12\",\"extra\":1}"), CONTEXT))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigException.Problem::path)
                        .containsExactlyInAnyOrder("extra", "upstream", "allowedOrigins[0]", "handshakeTimeout", "maxFrameSize"));
        assertThat(WsBackendConfig.parse(json("{\"upstream\":\"chat\",\"http2\":true}"), CONTEXT).http2()).isTrue();
        assertThatThrownBy(() -> WsBackendConfig.parse(json("{\"upstream\":\"chat\",\"http2\":\"yes\"}"), CONTEXT))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigException.Problem::path).containsExactly("http2"));
    }

    @Test
    void readsTheEventStreamSection() throws Exception {
        assertThat(WsBackendConfig.parse(json("{\"upstream\":\"chat\"}"), CONTEXT).eventStream().enabled()).isFalse();
        EventStreamConfig events = WsBackendConfig.parse(json("{\"upstream\":\"chat\",\"eventStream\":{\"keepAlive\":\"5s\","
                + "\"idleTimeout\":\"2m\",\"maxMessageSize\":\"8KiB\"}}"), CONTEXT).eventStream();
        assertThat(events).isEqualTo(new EventStreamConfig(true, Duration.ofSeconds(5), Duration.ofMinutes(2), 8192));
        assertThatThrownBy(() -> WsBackendConfig.parse(json("{\"upstream\":\"chat\",\"eventStream\":{\"enabled\":\"yes\","
                + "\"keepAlive\":\"soon\",\"maxMessageSize\":\"1GiB\",\"retry\":1}}"), CONTEXT))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigException.Problem::path)
                        .containsExactlyInAnyOrder("eventStream.enabled", "eventStream.keepAlive",
                                "eventStream.maxMessageSize", "eventStream.retry"));
    }
}
