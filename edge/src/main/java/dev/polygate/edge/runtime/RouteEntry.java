package dev.polygate.edge.runtime;

import dev.polygate.edge.exchange.ExchangeStep;
import dev.polygate.spi.Translator;

/**
 * A route as it runs: its translator, its chain (its policies, ending in the translator) and how its path is
 * rewritten.
 */
record RouteEntry(String name, String translatorName, Translator translator, ExchangeStep chain, String stripPrefix,
                  String rewrite) {
}
