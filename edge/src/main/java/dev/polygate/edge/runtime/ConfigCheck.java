package dev.polygate.edge.runtime;

import dev.polygate.edge.config.ConfigLoader;
import dev.polygate.edge.config.GatewayConfig;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigPaths;
import dev.polygate.spi.TranslatorContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

/**
 * What {@code gateway check} reports about a file: the problems of reading it and those of building its routes,
 * translators and policies, all of them at once, sorted by their YAML paths. The routes are built even when the
 * file has problems of its own, from what could be read of it, so one run shows everything there is to fix.
 */
public final class ConfigCheck {
    private ConfigCheck() {
    }

    /**
     * @param config   what could be read of the file; null when it is not readable YAML
     * @param problems every problem, sorted by YAML path (those of one path in the order found); empty when valid
     */
    public record Result(GatewayConfig config, List<ConfigException.Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    /** @param contextFor the translators' context for a configuration (its upstreams, directory, transport) */
    public static Result of(Path file, Function<GatewayConfig, TranslatorContext> contextFor) {
        ConfigLoader.Reading reading = ConfigLoader.read(file);
        LinkedHashSet<ConfigException.Problem> problems = new LinkedHashSet<>(reading.problems());
        if (reading.config() != null) {
            try {
                RoutingSnapshot.build(reading.config(), Extensions.load(), contextFor.apply(reading.config())).close();
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            } catch (RuntimeException e) {
                // Only what the file's own problems left inconsistent (a route without any valid path, two
                // routes of one name) can fail this way, and those problems are reported already.
                if (reading.problems().isEmpty()) {
                    throw e;
                }
            }
        }
        List<ConfigException.Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparing(ConfigException.Problem::path, ConfigPaths.ORDER));
        return new Result(reading.config(), sorted);
    }
}
