package dev.polygate.edge.address;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * IP address literals as configuration and forwarding headers write them, read without ever asking DNS (a name
 * would block an event loop, and is no address anyway).
 */
public final class IpLiterals {
    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private IpLiterals() {
    }

    /**
     * The bytes of an IPv4 literal (dotted decimal, no leading zeros: {@code 010.0.0.1} reads as 8.0.0.1 to some
     * and 10.0.0.1 to others) or an IPv6 literal (without brackets; a zone is ignored); null for anything else.
     */
    static byte[] parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (NetUtil.isValidIpV4Address(text)) {
            return hasLeadingZero(text) ? null : NetUtil.createByteArrayFromIpAddressString(text);
        }
        if (text.indexOf(':') >= 0 && text.charAt(0) != '[' && NetUtil.isValidIpV6Address(text)) {
            return NetUtil.createByteArrayFromIpAddressString(text);
        }
        return null;
    }

    /** An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as its 4 IPv4 bytes; other addresses as they are. */
    static byte[] canonical(byte[] address) {
        return address.length == 16 && isIpv4Mapped(address) ? Arrays.copyOfRange(address, 12, 16) : address;
    }

    static boolean isIpv4Mapped(byte[] address) {
        return Arrays.equals(address, 0, MAPPED_PREFIX.length, MAPPED_PREFIX, 0, MAPPED_PREFIX.length);
    }

    /** {@code ip} and {@code port} as a socket address, or null when {@code ip} is not an IP literal. */
    public static InetSocketAddress socketAddress(String ip, int port) {
        byte[] bytes = parse(ip);
        return bytes == null || port < 0 || port > 65535 ? null : new InetSocketAddress(address(bytes), port);
    }

    static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(canonical(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length, e);
        }
    }

    static String format(byte[] bytes) {
        return NetUtil.bytesToIpAddress(bytes);
    }

    private static boolean hasLeadingZero(String dotted) {
        for (int i = 0; i < dotted.length() - 1; i++) {
            boolean octetStart = i == 0 || dotted.charAt(i - 1) == '.';
            if (octetStart && dotted.charAt(i) == '0' && dotted.charAt(i + 1) != '.') {
                return true;
            }
        }
        return false;
    }
}
