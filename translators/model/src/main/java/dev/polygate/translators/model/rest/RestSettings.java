package dev.polygate.translators.model.rest;

import java.time.Duration;
import java.util.Set;

/**
 * How a route transcodes REST/JSON calls.
 *
 * @param forwardedHeaders lower-case request headers sent to the backend as metadata; headers named
 *                         {@code grpc-metadata-NAME} are always sent, as {@code NAME}
 * @param maxRequestBytes  the largest JSON request body read
 * @param timeout          the call's deadline when the client sends no {@code grpc-timeout}; zero for none
 */
public record RestSettings(Set<String> forwardedHeaders, long maxRequestBytes, Duration timeout) {
    public RestSettings {
        forwardedHeaders = Set.copyOf(forwardedHeaders);
    }
}
