package io.trailhound.core.rules.ir;


/**
 * An IPv4 or IPv6 network. Parses address literals only: a log field such as
 * {@code sourceIPAddress} may hold a host name ({@code ec2.amazonaws.com}), which must never be
 * resolved, so anything but a literal is simply not an address.
 */
final class Cidr {
    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(addr);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP network: '" + text + "'");
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "'");
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("prefix length out of range in '" + text + "'");
            }
        }
        return new Cidr(bytes, prefix);
    }

    boolean contains(String value) {
        byte[] a = literal(value);
        if (a == null || a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    /** The address bytes of an IP literal, an IPv4-mapped IPv6 address as its IPv4 bytes; null for anything else. */
    static byte[] literal(String s) {
        byte[] b = IpLiteral.bytes(s.trim());
        if (b != null && b.length == 16 && mappedV4(b)) {
            return java.util.Arrays.copyOfRange(b, 12, 16);
        }
        return b;
    }

    private static boolean mappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
    }
}
