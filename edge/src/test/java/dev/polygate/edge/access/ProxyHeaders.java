package dev.polygate.edge.access;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * PROXY protocol headers written byte by byte from the specification (haproxy.org proxy-protocol.txt), as L4
 * balancers send them: version 1 text and version 2 binary.
 */
public final class ProxyHeaders {
    /** The 12-byte signature every version 2 header starts with. */
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private ProxyHeaders() {
    }

    /** {@code PROXY TCP4 source dest sport dport\r\n} (or TCP6). */
    public static byte[] v1(String source, String destination, int sourcePort, int destinationPort) {
        String family = source.contains(":") ? "TCP6" : "TCP4";
        return ("PROXY " + family + " " + source + " " + destination + " " + sourcePort + " " + destinationPort + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A version 2 PROXY command over TCP, IPv4 or IPv6 by the source address; {@code tlv} bytes appended. */
    public static byte[] v2(String source, String destination, int sourcePort, int destinationPort, byte[] tlv)
            throws Exception {
        byte[] from = InetAddress.getByName(source).getAddress();
        byte[] to = InetAddress.getByName(destination).getAddress();
        boolean six = source.contains(":");
        if (six) {
            from = sixteen(from);
            to = sixteen(to);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(V2_SIGNATURE);
        out.write(0x21); // version 2, PROXY
        out.write(six ? 0x21 : 0x11); // AF_INET6 or AF_INET, STREAM
        int length = from.length + to.length + 4 + tlv.length;
        out.write(length >> 8);
        out.write(length & 0xff);
        out.write(from);
        out.write(to);
        out.write(sourcePort >> 8);
        out.write(sourcePort & 0xff);
        out.write(destinationPort >> 8);
        out.write(destinationPort & 0xff);
        out.write(tlv);
        return out.toByteArray();
    }

    public static byte[] v2(String source, String destination, int sourcePort, int destinationPort) throws Exception {
        return v2(source, destination, sourcePort, destinationPort, new byte[0]);
    }

    /** A version 2 LOCAL command, as a balancer's health check sends it: no addresses. */
    public static byte[] v2Local() {
        byte[] header = new byte[16];
        System.arraycopy(V2_SIGNATURE, 0, header, 0, V2_SIGNATURE.length);
        header[12] = 0x20; // version 2, LOCAL
        header[13] = 0x00; // AF_UNSPEC
        return header;
    }

    /** The first bytes of a version 2 header announcing {@code length} bytes of addresses and TLVs. */
    public static byte[] v2Announcing(int length) {
        byte[] header = new byte[16];
        System.arraycopy(V2_SIGNATURE, 0, header, 0, V2_SIGNATURE.length);
        header[12] = 0x21;
        header[13] = 0x11;
        header[14] = (byte) (length >> 8);
        header[15] = (byte) length;
        return header;
    }

    /** An IPv4 address as its IPv4-mapped IPv6 form; IPv6 addresses as they are. */
    private static byte[] sixteen(byte[] address) {
        if (address.length == 16) {
            return address;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(address, 0, mapped, 12, 4);
        return mapped;
    }
}
