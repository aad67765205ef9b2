package dev.polygate.spi;

/**
 * One step of a route's policy chain. A policy either ends the exchange itself (for example
 * {@code exchange.response().sendError(...)} for a rejected request) or continues with
 * {@code chain.proceed(exchange)}, possibly with a changed head or a wrapped body or sink
 * ({@link Exchange#with}). It may continue later, on the exchange's executor, after asynchronous work.
 */
public interface Policy {
    void apply(Exchange exchange, PolicyChain chain);
}
