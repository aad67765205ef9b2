package dev.polygate.policies.ratelimit.keys;

import dev.polygate.spi.Exchange;
import dev.polygate.spi.ExchangeContext;
import dev.polygate.spi.Principal;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * One part of a limit's key, read from the exchange's context. A part the request lacks (no authenticated caller,
 * no such header or claim) is replaced by the client's address, so such requests are limited per client rather
 * than all together or not at all; an operation a route does not name is replaced by the route.
 */
public sealed interface KeyPart {

    /** How the part is written in the configuration. */
    String configName();

    /** The part's value for this exchange, as {@code name=value}. */
    String of(Exchange exchange);

    /** The authenticated consumer (an anonymous caller counts as missing). */
    record Consumer() implements KeyPart {
        @Override
        public String configName() {
            return "consumer";
        }

        @Override
        public String of(Exchange exchange) {
            Optional<Principal> principal = exchange.context().principal();
            return principal.isPresent() && !principal.get().isAnonymous()
                    ? "consumer=" + KeyText.escape(principal.get().consumer()) : ClientAddress.value(exchange);
        }
    }

    /** The client's address as the gateway trusts it: an IPv4 address, or the /64 network of an IPv6 one. */
    record ClientAddress() implements KeyPart {
        @Override
        public String configName() {
            return "ip";
        }

        @Override
        public String of(Exchange exchange) {
            return value(exchange);
        }

        static String value(Exchange exchange) {
            InetSocketAddress address = exchange.context().clientAddress();
            if (address == null) {
                address = exchange.client().remoteAddress();
            }
            InetAddress ip = address == null ? null : address.getAddress();
            if (ip == null) {
                return "ip=-";
            }
            if (ip instanceof Inet6Address) {
                // one client usually holds a whole /64: keying on the full address would let it pick a fresh key
                byte[] network = Arrays.copyOf(ip.getAddress(), 16);
                Arrays.fill(network, 8, 16, (byte) 0);
                try {
                    return "ip=" + InetAddress.getByAddress(network).getHostAddress() + "/64";
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalStateException("16 bytes are an IPv6 address", e);
                }
            }
            return "ip=" + ip.getHostAddress();
        }
    }

    /** The route's name. */
    record Route() implements KeyPart {
        @Override
        public String configName() {
            return "route";
        }

        @Override
        public String of(Exchange exchange) {
            return "route=" + exchange.context().route();
        }
    }

    /** The operation called ({@code package.Service/Method}), or the route when it names none. */
    record Operation() implements KeyPart {
        @Override
        public String configName() {
            return "operation";
        }

        @Override
        public String of(Exchange exchange) {
            ExchangeContext context = exchange.context();
            return context.operation().map(name -> "operation=" + name).orElseGet(() -> "route=" + context.route());
        }
    }

    /** A request header's first value. */
    record Header(String name) implements KeyPart {
        @Override
        public String configName() {
            return "header:" + name;
        }

        @Override
        public String of(Exchange exchange) {
            String value = exchange.request().headers().get(name);
            return value == null || value.isEmpty() ? ClientAddress.value(exchange)
                    : "header:" + name + "=" + KeyText.escape(value);
        }
    }

    /** A claim of the authenticated caller. */
    record Claim(String name) implements KeyPart {
        @Override
        public String configName() {
            return "claim:" + name;
        }

        @Override
        public String of(Exchange exchange) {
            Object value = exchange.context().principal().filter(p -> !p.isAnonymous())
                    .map(p -> p.claims().get(name)).orElse(null);
            return value == null ? ClientAddress.value(exchange) : "claim:" + name + "=" + KeyText.escape(value.toString());
        }
    }
}
