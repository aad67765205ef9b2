package dev.polygate.spi;

import java.nio.file.Path;
import java.util.Optional;

/** What the gateway offers to translator and policy factories while a configuration is built. */
public interface TranslatorContext {
    /** The upstream of that name from the {@code upstreams} section. */
    Optional<UpstreamConfig> upstream(String name);

    /** The names of every configured upstream, for error messages that list them. */
    default java.util.Set<String> upstreamNames() {
        return java.util.Set.of();
    }

    /** The directory of the configuration file; relative file names are resolved against it. */
    Path configDirectory();

    /** The socket transport the gateway's event loops use; connections must be opened with the same one. */
    TransportKind transport();
}
