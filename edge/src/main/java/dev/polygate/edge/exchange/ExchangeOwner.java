package dev.polygate.edge.exchange;

/** The connection-level handler that runs an exchange. */
interface ExchangeOwner {
    /** Pausing the body or completing the request changes whether the channel should read. */
    void readingChanged(DownstreamExchange exchange);

    /** Graceful shutdown has begun: connections should not be kept alive. */
    boolean draining();

    void exchangeFinished(DownstreamExchange exchange, boolean closeConnection);
}
