package dev.polygate.edge.policy.ip;

import dev.polygate.edge.address.AddressSet;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyChain;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Lets a request through by its client's address: a denied address is refused whatever else matches; with an allow
 * list, an address on neither list is refused too. Refusals are 403 / PERMISSION_DENIED in the client's protocol.
 */
final class IpRulesPolicy implements Policy {
    /** Null when the section has no allow list: every address not denied may call. */
    private final AddressSet allow;
    private final AddressSet deny;

    IpRulesPolicy(AddressSet allow, AddressSet deny) {
        this.allow = allow;
        this.deny = deny;
    }

    @Override
    public void apply(Exchange exchange, PolicyChain chain) {
        InetSocketAddress client = exchange.context().clientAddress();
        InetAddress address = client == null ? null : client.getAddress();
        if (deny.contains(address) || allow != null && !allow.contains(address)) {
            chain.reject(exchange, new GatewayException(ErrorKind.PERMISSION_DENIED,
                    "requests from this address are not allowed",
                    "client address " + (address == null ? "unknown" : address.getHostAddress())
                            + " refused by ipRules", null));
            return;
        }
        chain.proceed(exchange);
    }
}
