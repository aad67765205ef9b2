package dev.polygate.spi;

/**
 * Carries exchanges of one route to its backend, translating protocols where needed. Created once per
 * route and configuration snapshot; {@link #handle} is called for each exchange on its executor.
 */
public interface Translator extends AutoCloseable {
    /**
     * Takes over the exchange: it must eventually end the response (normally or with
     * {@link ResponseSink#sendError}) and consume or discard the request body.
     */
    void handle(Exchange exchange);

    /** The snapshot this translator belongs to was replaced; release what it holds once idle. */
    @Override
    default void close() {
    }
}
