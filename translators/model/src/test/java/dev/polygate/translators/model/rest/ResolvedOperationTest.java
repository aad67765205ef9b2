package dev.polygate.translators.model.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.spi.Exchange;
import dev.polygate.spi.ExchangeContext;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An operation found for an exchange is found once, and again only when the rules, method or path change. */
class ResolvedOperationTest {
    private final ExchangeContext context = new ExchangeContext("main");
    private final Exchange exchange = (Exchange) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Exchange.class}, (proxy, method, args) -> {
                if (method.getName().equals("context")) {
                    return context;
                }
                throw new UnsupportedOperationException(method.getName());
            });
    private final AtomicInteger lookups = new AtomicInteger();

    private String lookUp(Object rules, String method, String path) {
        return ResolvedOperation.resolve(exchange, rules, method, path, String.class,
                () -> method + " " + path + " #" + lookups.incrementAndGet());
    }

    @Test
    void theSecondAskTakesTheFirstAnswer() {
        Object rules = new Object();
        assertThat(lookUp(rules, "POST", "/v1/a")).isEqualTo("POST /v1/a #1");
        assertThat(lookUp(rules, "POST", "/v1/a")).isEqualTo("POST /v1/a #1");
        assertThat(lookups).hasValue(1);
    }

    @Test
    void otherRulesMethodsOrPathsAreLookedUpAgain() {
        Object rules = new Object();
        lookUp(rules, "POST", "/v1/a");
        assertThat(lookUp(rules, "POST", "/v1/b")).isEqualTo("POST /v1/b #2"); // a policy rewrote the path
        assertThat(lookUp(rules, "GET", "/v1/b")).isEqualTo("GET /v1/b #3");
        assertThat(lookUp(new Object(), "GET", "/v1/b")).isEqualTo("GET /v1/b #4"); // the schema was reloaded
        assertThat(lookUp(rules, "GET", "/v1/b")).isEqualTo("GET /v1/b #5");
    }

    @Test
    void aFailedLookupKeepsNothing() {
        Object rules = new Object();
        assertThatThrownBy(() -> ResolvedOperation.resolve(exchange, rules, "GET", "/%zz", String.class, () -> {
            throw new IllegalArgumentException("malformed path");
        })).hasMessage("malformed path");
        assertThat(context.attribute(ResolvedOperation.class)).isEmpty();
        assertThat(lookUp(rules, "GET", "/%zz")).isEqualTo("GET /%zz #1");
    }
}
