package dev.polygate.spi;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Invalid configuration. Each error names the YAML path it concerns (for example
 * {@code routes[2].match.path}) and what is wrong there.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    /** One problem at one place of the configuration file. */
    public record Problem(String path, String message) {
        @Override
        public String toString() {
            return (path == null || path.isEmpty() ? "(root)" : path) + ": " + message;
        }
    }

    private final List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String path, String message) {
        this(List.of(new Problem(path, message)));
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The same problems with their paths placed under {@code prefix}, e.g. {@code routes[1].backend}. */
    public ConfigException under(String prefix) {
        return new ConfigException(problems.stream()
                .map(p -> new Problem(ConfigPaths.join(prefix, p.path()), p.message()))
                .toList());
    }
}
