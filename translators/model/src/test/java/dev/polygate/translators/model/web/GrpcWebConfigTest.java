package dev.polygate.translators.model.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polygate.spi.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GrpcWebConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void defaultsWhenAbsent() throws Exception {
        assertThat(GrpcWebConfig.parse(null)).isEqualTo(GrpcWebConfig.defaults());
        assertThat(GrpcWebConfig.parse(json("{}"))).isEqualTo(GrpcWebConfig.defaults());
        assertThat(GrpcWebConfig.defaults().maxMessageBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(GrpcWebConfig.defaults().allowedOrigins()).containsExactly("*");
    }

    @Test
    void readsEveryKey() throws Exception {
        GrpcWebConfig config = GrpcWebConfig.parse(json("""
                {"allowedOrigins": ["https://app.example.com", "https://*.example.org"],
                 "exposedHeaders": ["X-Request-Id"], "allowedHeaders": "x-tenant",
                 "maxAge": "10m", "maxMessageBytes": 1024}"""));
        assertThat(config.allowedOrigins()).containsExactly("https://app.example.com", "https://*.example.org");
        assertThat(config.exposedHeaders()).containsExactly("x-request-id");
        assertThat(config.allowedHeaders()).containsExactly("x-tenant");
        assertThat(config.maxAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.maxMessageBytes()).isEqualTo(1024);
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        assertThatThrownBy(() -> GrpcWebConfig.parse(json("""
                {"allowedOrigins": ["https://ok.example", "https://bad.example/path", 3],
                 "maxAge": "soon", "maxMessageBytes": -1, "colour": "blue"}""")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigException.Problem::path)
                        .containsExactlyInAnyOrder("colour", "allowedOrigins[1]", "allowedOrigins[2]", "maxAge",
                                "maxMessageBytes"));
        assertThatThrownBy(() -> GrpcWebConfig.parse(json("[1]"))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> GrpcWebConfig.parse(json("{\"maxMessageBytes\": 3000000000}")))
                .hasMessageContaining("maxMessageBytes");
    }

    @Test
    void parsesContentTypes() {
        assertThat(WebContentType.parse("application/grpc-web")).isEqualTo(new WebContentType(false, "proto"));
        assertThat(WebContentType.parse("application/grpc-web+proto")).isEqualTo(new WebContentType(false, "proto"));
        assertThat(WebContentType.parse("Application/gRPC-Web-Text")).isEqualTo(new WebContentType(true, "proto"));
        assertThat(WebContentType.parse("application/grpc-web-text+proto; charset=utf-8"))
                .isEqualTo(new WebContentType(true, "proto"));
        assertThat(WebContentType.parse("application/grpc-web+json").backendContentType())
                .isEqualTo("application/grpc+json");
        assertThat(WebContentType.parse("application/grpc-web-text").responseContentType())
                .isEqualTo("application/grpc-web-text+proto");
        assertThat(WebContentType.parse("application/grpc")).isNull();
        assertThat(WebContentType.parse("application/grpc-webx")).isNull();
        assertThat(WebContentType.parse("application/grpc-web+")).isNull();
        assertThat(WebContentType.parse(null)).isNull();
    }
}
