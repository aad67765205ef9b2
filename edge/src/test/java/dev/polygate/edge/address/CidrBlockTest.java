package dev.polygate.edge.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrBlockTest {
    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByAddress(IpLiterals.parse(literal));
    }

    /** An IPv4-mapped address the way some transports hand it over: an Inet6Address, not the JDK's Inet4Address. */
    private static InetAddress mapped(String ipv4) throws Exception {
        byte[] four = IpLiterals.parse(ipv4);
        byte[] sixteen = new byte[16];
        sixteen[10] = (byte) 0xff;
        sixteen[11] = (byte) 0xff;
        System.arraycopy(four, 0, sixteen, 12, 4);
        return java.net.Inet6Address.getByAddress(null, sixteen, -1);
    }

    @Test
    void matchesIpv4NetworksBitByBit() throws Exception {
        CidrBlock block = CidrBlock.parse("10.64.0.0/10");
        assertThat(block.contains(ip("10.64.0.1"))).isTrue();
        assertThat(block.contains(ip("10.127.255.255"))).isTrue();
        assertThat(block.contains(ip("10.128.0.0"))).isFalse();
        assertThat(block.contains(ip("10.63.255.255"))).isFalse();
        assertThat(CidrBlock.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
        assertThat(CidrBlock.parse("192.0.2.7").contains(ip("192.0.2.7"))).isTrue();
        assertThat(CidrBlock.parse("192.0.2.7").contains(ip("192.0.2.8"))).isFalse();
    }

    @Test
    void matchesIpv6NetworksAndKeepsTheFamiliesApart() throws Exception {
        CidrBlock block = CidrBlock.parse("2001:db8:abcd::/48");
        assertThat(block.contains(ip("2001:db8:abcd:12::1"))).isTrue();
        assertThat(block.contains(ip("2001:db8:abce::1"))).isFalse();
        assertThat(CidrBlock.parse("::1/128").contains(ip("::1"))).isTrue();
        assertThat(CidrBlock.parse("::/0").contains(ip("10.0.0.1"))).as("all IPv6 is not all IPv4").isFalse();
        assertThat(CidrBlock.parse("0.0.0.0/0").contains(ip("2001:db8::1"))).isFalse();
    }

    @Test
    void ipv4MappedAddressesAndNetworksAreIpv4() throws Exception {
        assertThat(CidrBlock.parse("10.0.0.0/8").contains(mapped("10.0.0.1"))).isTrue();
        assertThat(CidrBlock.parse("10.0.0.0/8").contains(mapped("11.0.0.1"))).isFalse();
        assertThat(CidrBlock.parse("::ffff:10.0.0.0/104").contains(ip("10.9.9.9"))).isTrue();
        assertThat(CidrBlock.parse("::ffff:10.0.0.0/104").contains(mapped("10.9.9.9"))).isTrue();
        assertThat(CidrBlock.parse("::ffff:10.0.0.0/104").contains(ip("11.0.0.1"))).isFalse();
    }

    @Test
    void refusesWhatIsNoNetworkWithAMessageThatSaysWhy() {
        assertThatThrownBy(() -> CidrBlock.parse("example.com")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> CidrBlock.parse("10.0.0/8")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> CidrBlock.parse("010.0.0.0/8")).as("octal or decimal? neither")
                .hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> CidrBlock.parse("10.0.0.0/33")).hasMessageContaining("from 0 to 32");
        assertThatThrownBy(() -> CidrBlock.parse("2001:db8::/129")).hasMessageContaining("from 0 to 128");
        assertThatThrownBy(() -> CidrBlock.parse("10.0.0.0/")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> CidrBlock.parse("10.0.0.0/-1")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> CidrBlock.parse("10.1.2.3/8")).hasMessageContaining("the network is 10.0.0.0/8");
        assertThatThrownBy(() -> CidrBlock.parse("[::1]/128")).hasMessageContaining("not an IP address");
    }
}
