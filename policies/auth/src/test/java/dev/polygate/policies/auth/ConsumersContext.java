package dev.polygate.policies.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polygate.spi.Consumer;
import dev.polygate.spi.GatewayShared;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.TransportKind;
import dev.polygate.spi.UpstreamConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A policy test kit's context with a {@code consumers} section, as the gateway reads it (names and groups; the
 * credentials left to the authentication policies), written as JSON.
 */
public final class ConsumersContext implements TranslatorContext {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TranslatorContext base;
    private final List<Consumer> consumers;

    public ConsumersContext(TranslatorContext base, String consumersJson) {
        this.base = base;
        this.consumers = List.copyOf(consumers(consumersJson));
    }

    /** The consumers of a JSON list, each at {@code consumers[i]}. */
    public static List<Consumer> consumers(String json) {
        JsonNode list;
        try {
            list = JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Consumer> consumers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            LinkedHashSet<String> groups = new LinkedHashSet<>();
            item.path("groups").forEach(group -> groups.add(group.asText()));
            consumers.add(new Consumer("consumers[" + i + "]", item.get("name").asText(), groups,
                    item.path("credentials")));
        }
        return consumers;
    }

    @Override
    public List<Consumer> consumers() {
        return consumers;
    }

    @Override
    public Optional<UpstreamConfig> upstream(String name) {
        return base.upstream(name);
    }

    @Override
    public Path configDirectory() {
        return base.configDirectory();
    }

    @Override
    public TransportKind transport() {
        return base.transport();
    }

    @Override
    public GatewayShared shared() {
        return base.shared();
    }

    @Override
    public <T> T keep(String key, Class<T> type, Supplier<? extends T> create) {
        return base.keep(key, type, create);
    }
}
