package dev.polygate.edge.exchange;

/** Told when exchanges start and end: the access log, the in-flight count for graceful shutdown. */
public interface ExchangeObserver {
    void started(DownstreamExchange exchange);

    void finished(DownstreamExchange exchange);
}
