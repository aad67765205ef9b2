package dev.polygate.spi;

/**
 * One step of a policy chain. A policy runs in one of three scopes: global (every request, before routing),
 * listener (every request on one listener, before routing) or route (after routing, when the exchange's
 * {@linkplain Exchange#context() context} names the route's path variables and operation).
 *
 * <p>It decides in one of three ways: {@code chain.proceed(exchange)}, possibly with a changed head or a
 * wrapped body or sink ({@link Exchange#with}); {@code chain.reject(exchange, error)}; or, when the decision
 * needs slow work, {@code chain.await(exchange, stage)} with a {@link Verdict} to come. It must not block: it
 * runs on an event loop.
 *
 * <p>A policy lives as long as the configuration snapshot it was built for and is {@linkplain #close() closed}
 * when that snapshot retires. State that must outlive a reload (counters, key caches, connections) is kept by
 * key through {@link TranslatorContext#keep}.
 */
public interface Policy extends AutoCloseable {
    void apply(Exchange exchange, PolicyChain chain);

    /** The snapshot this policy belongs to retired: release what it holds of its own. */
    @Override
    default void close() {
    }
}
