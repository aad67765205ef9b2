package dev.polygate.edge.exchange;

/** Routes a new exchange and starts its route's policy chain. */
public interface ExchangeDispatcher {
    void dispatch(DownstreamExchange exchange);
}
