package dev.polygate.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of the {@code consumers} section: someone who calls the gateway's APIs, with the credentials that
 * prove it. The gateway reads the name and groups; the credentials section belongs to the authentication policies,
 * which validate it (and report problems under {@code path + ".credentials"}).
 *
 * @param path        where the entry is written, e.g. {@code consumers[2]}
 * @param name        unique among consumers
 * @param groups      what authorization rules refer to
 * @param credentials the raw {@code credentials} section (a missing node when absent)
 */
public record Consumer(String path, String name, Set<String> groups, JsonNode credentials) {
    public Consumer {
        Objects.requireNonNull(name, "name");
        groups = Set.copyOf(groups);
    }
}
