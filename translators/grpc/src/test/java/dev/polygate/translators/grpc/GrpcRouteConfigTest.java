package dev.polygate.translators.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.TranslatorContext;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The grpc translator's backend section: defaults, every setting, and every problem reported with its path. */
class GrpcRouteConfigTest {
    private static final TranslatorContext CONTEXT = new RouteTestContext("greeter", Path.of("."), null);

    @Test
    void defaultsNeedOnlyAnUpstream() throws Exception {
        GrpcRouteConfig config = GrpcRouteConfig.parse(yaml("upstream: greeter"), CONTEXT);
        assertThat(config.hasSchema()).isFalse();
        assertThat(config.timeout()).isZero();
        assertThat(config.maxMessageBytes()).isEqualTo(4 << 20);
        assertThat(config.rest().forwardedHeaders()).containsExactly("authorization");
        assertThat(config.transcoding().ignoreUnknownFields()).isFalse();
        assertThat(config.grpcWeb().maxMessageBytes()).isEqualTo(4 << 20);
        // gRPC streams may be quiet for long: the connection layer gets a long idle timer, not the proxy's default.
        assertThat(config.connection().get("timeouts").get("idle").asText()).isEqualTo("300s");
    }

    @Test
    void everySettingIsRead() throws Exception {
        GrpcRouteConfig config = GrpcRouteConfig.parse(yaml("""
                upstream: greeter
                services: [ demo.greeter.v1.Greeter ]
                timeout: 2s
                maxMessageSize: 1MiB
                timeouts: { idle: 10s }
                rest:
                  preserveProtoFieldNames: true
                  emitDefaults: true
                  ignoreUnknownFields: true
                  forwardHeaders: [ Authorization, X-Tenant ]
                  maxRequestSize: 64KiB
                grpcWeb: { allowedOrigins: [ "https://app.example.com" ] }
                """), CONTEXT);
        assertThat(config.services()).containsExactly("demo.greeter.v1.Greeter");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.maxMessageBytes()).isEqualTo(1 << 20);
        assertThat(config.transcoding().preserveProtoFieldNames()).isTrue();
        assertThat(config.transcoding().emitDefaults()).isTrue();
        assertThat(config.transcoding().ignoreUnknownFields()).isTrue();
        assertThat(config.rest().forwardedHeaders()).containsExactlyInAnyOrder("authorization", "x-tenant");
        assertThat(config.rest().maxRequestBytes()).isEqualTo(64 * 1024);
        assertThat(config.grpcWeb().allowedOrigins()).containsExactly("https://app.example.com");
        assertThat(config.grpcWeb().maxMessageBytes()).isEqualTo(1 << 20);
        assertThat(config.connection().get("timeouts").get("idle").asText()).isEqualTo("10s");
        assertThat(config.connection().has("services")).isFalse();
    }

    @Test
    void everyProblemIsReportedWithItsPath() {
        assertThatThrownBy(() -> GrpcRouteConfig.parse(yaml("""
                upstream: greeter
                servics: []
                services: [ "" ]
                timeout: soon
                maxMessageSize: lots
                rest: { emitDefaults: maybe, forwardHeaders: authorization, extra: 1 }
                """), CONTEXT))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigException.Problem::path)
                        .contains("servics", "services[0]", "timeout", "maxMessageSize", "rest.emitDefaults",
                                "rest.forwardHeaders", "rest.extra"));
    }

    @Test
    void aSectionThatIsNotAMapIsRefused() {
        assertThatThrownBy(() -> GrpcRouteConfig.parse(yaml("just-a-string"), CONTEXT))
                .isInstanceOf(ConfigException.class).hasMessageContaining("upstream");
    }

    private static JsonNode yaml(String text) throws Exception {
        return new YAMLMapper().readTree(text);
    }
}
