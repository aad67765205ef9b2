package dev.polygate.spi;

/** The rest of a route's policy chain, ending in its translator. */
public interface PolicyChain {
    void proceed(Exchange exchange);
}
