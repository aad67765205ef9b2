package dev.polygate.spi.testkit;

import dev.polygate.spi.Exchange;
import dev.polygate.spi.ExchangeContext;
import dev.polygate.spi.GatewayException;
import java.util.Optional;

/**
 * What a policy decided about one request.
 *
 * @param passedOn  the exchange the policy proceeded with (a view of the one it got), or null when it did not
 * @param rejection the error it ended the exchange with (headers included), or null when it did not
 * @param context   the exchange's context afterwards: the principal an authentication policy set, for one
 * @param response  what reached the client's side: send a head through {@code passedOn().response()} to see
 *                  what a response-side policy makes of it
 */
public record PolicyOutcome(Exchange passedOn, GatewayException rejection, ExchangeContext context,
                            RecordedResponse response) {

    public boolean proceeded() {
        return passedOn != null;
    }

    public Optional<GatewayException> rejected() {
        return Optional.ofNullable(rejection);
    }
}
