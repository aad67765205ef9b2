package dev.polygate.edge.address;

import dev.polygate.spi.ConfigNode;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** A list of networks (CIDR blocks), asked whether an address lies in any of them. Immutable. */
public final class AddressSet {
    private static final AddressSet EMPTY = new AddressSet(List.of());

    private final List<CidrBlock> blocks;

    private AddressSet(List<CidrBlock> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    public static AddressSet empty() {
        return EMPTY;
    }

    public static AddressSet of(List<CidrBlock> blocks) {
        return blocks.isEmpty() ? EMPTY : new AddressSet(blocks);
    }

    /**
     * The blocks of a YAML list such as {@code [ "10.0.0.0/8", "::1" ]}; each malformed entry is reported at its own
     * path ({@code ipRules.allow[2]}), the others are kept. A missing node is the empty set.
     */
    public static AddressSet read(ConfigNode list) {
        List<CidrBlock> blocks = new ArrayList<>();
        for (ConfigNode item : list.items()) {
            if (!item.raw().isTextual()) {
                item.problem("must be an IP address or CIDR block such as 10.0.0.0/8");
                continue;
            }
            try {
                blocks.add(CidrBlock.parse(item.raw().asText()));
            } catch (IllegalArgumentException e) {
                item.problem(e.getMessage());
            }
        }
        return of(blocks);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public boolean contains(InetAddress address) {
        if (address == null || blocks.isEmpty()) {
            return false;
        }
        byte[] canonical = IpLiterals.canonical(address.getAddress());
        for (CidrBlock block : blocks) {
            if (block.contains(canonical)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return blocks.toString();
    }
}
