package io.trailhound.core.rules.elastic.ecs;

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
}
