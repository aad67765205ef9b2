package dev.polygate.translators.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.TranslatorFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The route's backend section, checked eagerly with paths relative to it. */
class BackendConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestContext context = new TestContext(Path.of("."))
            .with(TestContext.upstreamConfig("orders", "http://127.0.0.1:1"))
            .with(TestContext.upstreamConfig("bad", "ftp://127.0.0.1:21"));

    private BackendConfig parse(String json) throws Exception {
        return BackendConfig.parse(JSON.readTree(json), context);
    }

    private ConfigException problems(String json) {
        return catchThrowableOfType(ConfigException.class, () -> new HttpTranslatorFactory().create(JSON.readTree(json), context));
    }

    @Test
    void defaults() throws Exception {
        BackendConfig config = parse("{\"upstream\":\"orders\"}");
        assertThat(config.upstream().name()).isEqualTo("orders");
        assertThat(config.hostHeader()).isEqualTo(HostHeader.KEEP);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.totalTimeout()).isEqualTo(Duration.ZERO);
    }

    @Test
    void allKeys() throws Exception {
        BackendConfig config = parse("{\"upstream\":\"orders\",\"hostHeader\":\"upstream\","
                + "\"timeouts\":{\"idle\":\"250ms\",\"total\":\"2m\"}}");
        assertThat(config.hostHeader().mode()).isEqualTo(HostHeader.Mode.UPSTREAM);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.totalTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(parse("{\"upstream\":\"orders\",\"hostHeader\":\"orders.internal\"}").hostHeader())
                .isEqualTo(new HostHeader(HostHeader.Mode.LITERAL, "orders.internal"));
    }

    /** The Host value is copied onto the wire unchecked, so a value that could split the head is refused here. */
    @Test
    void aHostHeaderWithControlCharactersOrSpacesIsRefused() {
        for (String host : new String[] {"a.example\\r\\nX-Injected: 1", "a b", "tab\\there"}) {
            assertThat(problems("{\"upstream\":\"orders\",\"hostHeader\":\"" + host + "\"}").problems())
                    .extracting(ConfigException.Problem::path).containsExactly("hostHeader");
        }
    }

    @Test
    void missingUpstream() {
        assertThat(problems("{}").problems()).extracting(ConfigException.Problem::path).containsExactly("upstream");
        assertThat(problems("null").problems()).hasSize(1);
    }

    @Test
    void unknownUpstreamIsNamed() {
        ConfigException error = problems("{\"upstream\":\"payments\"}");
        assertThat(error.problems()).extracting(ConfigException.Problem::path).containsExactly("upstream");
        assertThat(error.getMessage()).contains("payments");
    }

    @Test
    void unknownKeysAtEachLevel() {
        ConfigException error = problems("{\"upstream\":\"orders\",\"retries\":3,\"timeouts\":{\"idel\":\"5s\"}}");
        assertThat(error.problems()).extracting(ConfigException.Problem::path)
                .containsExactlyInAnyOrder("retries", "timeouts.idel");
    }

    @Test
    void badDurations() {
        ConfigException error = problems("{\"upstream\":\"orders\",\"timeouts\":{\"idle\":\"5 seconds\",\"total\":true}}");
        assertThat(error.problems()).extracting(ConfigException.Problem::path)
                .containsExactlyInAnyOrder("timeouts.idle", "timeouts.total");
        assertThat(error.getMessage()).contains("'5 seconds' is not a duration");
    }

    @Test
    void unsupportedEndpointScheme() {
        ConfigException error = problems("{\"upstream\":\"bad\"}");
        assertThat(error.problems()).extracting(ConfigException.Problem::path).containsExactly("upstream");
        assertThat(error.getMessage()).contains("ftp://127.0.0.1:21");
    }

    @Test
    void factoryIsFoundByServiceLoader() {
        assertThat(ServiceLoader.load(TranslatorFactory.class).stream().map(p -> p.get().name()))
                .contains("http");
    }
}
