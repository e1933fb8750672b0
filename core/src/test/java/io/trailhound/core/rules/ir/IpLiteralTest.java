package io.trailhound.core.rules.ir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpLiteralTest {
    @Test
    void addressesAreRecognisedWithoutAnyLookup() {
        assertThat(IpLiteral.isIp("203.0.113.9")).isTrue();
        assertThat(IpLiteral.isIp("255.255.255.255")).isTrue();
        assertThat(IpLiteral.isIp("256.1.1.1")).isFalse();
        assertThat(IpLiteral.isIp("1.2.3")).isFalse();
        assertThat(IpLiteral.isIp("::1")).isTrue();
        assertThat(IpLiteral.isIp("2001:db8::7")).isTrue();
        assertThat(IpLiteral.isIp("2001:db8:0:0:0:0:0:7")).isTrue();
        assertThat(IpLiteral.isIp("::ffff:192.0.2.1")).isTrue();
        assertThat(IpLiteral.isIp("2001:db8::7::1")).isFalse();
        assertThat(IpLiteral.isIp("1:2:3:4:5:6:7:8:9")).isFalse();
        assertThat(IpLiteral.isIp("ec2.amazonaws.com")).isFalse();
        assertThat(IpLiteral.isIp("AWS Internal")).isFalse();
        assertThat(IpLiteral.isIp("")).isFalse();
    }

    @Test
    void addressesAreBuiltFromTheLiteralsBytes() throws Exception {
        assertThat(IpLiteral.address("203.0.113.9").getAddress()).containsExactly(203, 0, 113, 9);
        assertThat(IpLiteral.address("2001:db8::7").getAddress())
                .isEqualTo(java.net.InetAddress.getByName("2001:db8:0:0:0:0:0:7").getAddress());
        assertThat(IpLiteral.address("::").getAddress()).isEqualTo(new byte[16]);
        assertThat(IpLiteral.address("1:2:3:4:5:6:7:8").getAddress()).containsExactly(0, 1, 0, 2, 0, 3, 0, 4,
                0, 5, 0, 6, 0, 7, 0, 8);
        assertThat(IpLiteral.address("fe80::1:2%eth0").getAddress()).containsExactly(0xfe, 0x80, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 1, 0, 2);
        assertThat(IpLiteral.address("64:ff9b::192.0.2.33").getAddress()).containsExactly(0, 0x64, 0xff, 0x9b,
                0, 0, 0, 0, 0, 0, 0, 0, 192, 0, 2, 33);
        // IPv4-mapped IPv6 is the IPv4 address, as Elasticsearch and the GeoIP reader treat it.
        assertThat(IpLiteral.address("::ffff:198.51.100.1").getAddress()).containsExactly(198, 51, 100, 1);
    }

    @Test
    void namesAreNeverAddresses() {
        // Attacker-controlled sourceIPAddress: a host name must not reach a resolver.
        assertThat(IpLiteral.address("ec2.amazonaws.com")).isNull();
        assertThat(IpLiteral.address("localhost")).isNull();
        assertThat(IpLiteral.address("1.2.3.4.nip.io")).isNull();
        assertThat(IpLiteral.address(null)).isNull();
    }
}
