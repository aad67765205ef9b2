package dev.polygate.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one configuration section, so that a factory reports all of them in one
 * {@link ConfigException} (see {@link TranslatorFactory#create}): each check adds what it finds and validation
 * goes on; {@link #throwIfAny()} ends it. Steps that depend on a part found invalid are skipped rather than
 * reported again.
 */
public final class ConfigProblems {
    /** A validation step that reports its problems by throwing. */
    @FunctionalInterface
    public interface Step<T> {
        T run() throws ConfigException;
    }

    private final List<ConfigException.Problem> problems = new ArrayList<>();

    /** One problem at {@code path}, relative to the section. */
    public void add(String path, String message) {
        problems.add(new ConfigException.Problem(path, message));
    }

    /** The problems of {@code e}, their paths placed under {@code prefix} ({@code ""} for as they are). */
    public void addAll(String prefix, ConfigException e) {
        problems.addAll(e.under(prefix).problems());
    }

    /**
     * Runs {@code step}; when it throws, its problems are added under {@code prefix} and the result is null.
     */
    public <T> T attempt(String prefix, Step<T> step) {
        try {
            return step.run();
        } catch (ConfigException e) {
            addAll(prefix, e);
            return null;
        }
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Throws every problem added so far at once; returns when there is none. */
    public void throwIfAny() throws ConfigException {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
