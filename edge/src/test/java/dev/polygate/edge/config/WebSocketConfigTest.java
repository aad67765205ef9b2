package dev.polygate.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.spi.ConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A route's {@code websocket} limits: the frame limit follows a lowered message limit unless it is set too. */
class WebSocketConfigTest {
    private static WebSocketConfig websocket(String section) throws ConfigException {
        return ConfigLoader.parse("""
                routes:
                  - match: { prefix: /ws }
                    websocket: %s
                    backend: { upstream: x }
                """.formatted(section), null, Path.of("/tmp")).routes().get(0).websocket();
    }

    @Test
    void aLoweredMessageLimitAloneAlsoLowersTheFrameLimit() throws Exception {
        WebSocketConfig config = websocket("{ maxMessageSize: 64KiB }");
        assertThat(config.maxMessageSize()).isEqualTo(64 * 1024);
        assertThat(config.maxFrameSize()).isEqualTo(64 * 1024);
    }

    @Test
    void theDefaultsAreOneMebibyteFramesAndSixteenMebibyteMessages() throws Exception {
        WebSocketConfig config = websocket("{ compression: false }");
        assertThat(config.maxFrameSize()).isEqualTo(1024 * 1024);
        assertThat(config.maxMessageSize()).isEqualTo(16 * 1024 * 1024);
        assertThat(config.compression()).isFalse();
    }

    @Test
    void aMessageLimitBelowAnExplicitFrameLimitIsRefusedWithItsPath() {
        assertThatThrownBy(() -> websocket("{ maxFrameSize: 1MiB, maxMessageSize: 64KiB }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("routes[0].websocket.maxMessageSize")
                .hasMessageContaining("must be at least maxFrameSize (1048576)");
        assertThatThrownBy(() -> websocket("{ maxMessageSize: 100 }"))
                .hasMessageContaining("routes[0].websocket.maxMessageSize: must be at least 125 bytes");
    }
}
