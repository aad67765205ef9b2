package dev.polygate.edge.runtime;

import dev.polygate.spi.PolicyChain;

/** A route as it runs: its policy chain (ending in its translator) and how its path is rewritten. */
record RouteEntry(String name, String translatorName, PolicyChain chain, String stripPrefix, String rewrite) {
}
