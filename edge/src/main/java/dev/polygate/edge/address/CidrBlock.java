package dev.polygate.edge.address;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}), or one address
 * ({@code 192.0.2.7}, {@code ::1}). An IPv4-mapped IPv6 network ({@code ::ffff:10.0.0.0/104}) is the IPv4 network it
 * maps, and an IPv4-mapped address is matched as the IPv4 address it is, so a client reaching a dual-stack socket over
 * IPv4 meets the IPv4 rules.
 */
public final class CidrBlock {
    private static final int MAPPED_PREFIX_BITS = 96;

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private CidrBlock(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * Reads {@code address[/prefix]}; the address must be a literal (never a host name, which would need DNS), and
     * the bits after the prefix must be zero.
     *
     * @throws IllegalArgumentException with a message fit for a configuration error
     */
    public static CidrBlock parse(String text) {
        String value = text == null ? "" : text.trim();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        byte[] bytes = IpLiterals.parse(address);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block; write e.g. "
                    + "10.0.0.0/8, 192.0.2.7 or 2001:db8::/32");
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            prefix = prefixLength(value.substring(slash + 1), bits);
            if (prefix < 0) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length that is not a number from 0 to "
                        + bits);
            }
        }
        if (bytes.length == 16 && IpLiterals.isIpv4Mapped(bytes) && prefix >= MAPPED_PREFIX_BITS) {
            bytes = Arrays.copyOfRange(bytes, 12, 16);
            prefix -= MAPPED_PREFIX_BITS;
        }
        byte[] masked = mask(bytes, prefix);
        if (!Arrays.equals(masked, bytes)) {
            throw new IllegalArgumentException("'" + text + "' has bits set after its prefix; the network is "
                    + IpLiterals.format(masked) + "/" + prefix);
        }
        return new CidrBlock(masked, prefix, value);
    }

    /** Whether {@code address} lies in this network; IPv4-mapped IPv6 addresses count as IPv4. */
    public boolean contains(InetAddress address) {
        return address != null && contains(IpLiterals.canonical(address.getAddress()));
    }

    boolean contains(byte[] canonical) {
        if (canonical.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (canonical[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int bitsMask = (0xff << (8 - rest)) & 0xff;
        return (canonical[whole] & bitsMask) == network[whole];
    }

    private static int prefixLength(String digits, int max) {
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int value = Integer.parseInt(digits);
        return value <= max ? value : -1;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] = (byte) (masked[i] & ((0xff << (8 - keep)) & 0xff));
        }
        return masked;
    }

    @Override
    public String toString() {
        return text;
    }
}
