package dev.polygate.edge.exchange;

import dev.polygate.edge.config.LimitsConfig;
import java.util.function.BooleanSupplier;

/**
 * What every exchange handler of the gateway shares.
 *
 * @param listener the name of the listener whose connections these are
 * @param draining true once graceful shutdown has begun: connections are closed after their current exchange
 */
public record ServerContext(String listener, ExchangeDispatcher dispatcher, ExchangeObserver observer, LimitsConfig limits,
                            BooleanSupplier draining) {
}
