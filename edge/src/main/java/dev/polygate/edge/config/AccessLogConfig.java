package dev.polygate.edge.config;

import java.nio.file.Path;

/** The access log: one JSON line per exchange, to {@code file} or to standard output when it is null. */
public record AccessLogConfig(boolean enabled, Path file) {
}
