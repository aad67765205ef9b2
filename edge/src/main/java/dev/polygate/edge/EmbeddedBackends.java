package dev.polygate.edge;

/**
 * Backends started inside the gateway's process, with the configuration that routes to them: what
 * {@code gateway demo} runs. Found with {@link java.util.ServiceLoader}: the product jar has none, the demo jar
 * (module {@code demo}: the gateway plus its demo backends) has one.
 */
public interface EmbeddedBackends {
    /** Starts the backends on free loopback ports. */
    Started start() throws Exception;

    /**
     * Running backends.
     *
     * @param configuration the gateway configuration (YAML) that routes to them; its listener and admin ports are
     *                      left as {@code ${HTTP_PORT}}, {@code ${HTTPS_PORT}} and {@code ${ADMIN_PORT}}
     * @param summary       one line saying what runs where
     * @param backends      stops them
     */
    record Started(String configuration, String summary, AutoCloseable backends) {
    }
}
