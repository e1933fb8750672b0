package io.trailhound.core.rules.ir;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a text is an IPv4 or IPv6 address literal (as Elastic's pipeline decides for
 * {@code source.ip}), and its bytes, for every rule language's CIDR tests and GeoIP. Parsed by
 * hand: {@code sourceIPAddress} is attacker-controlled and must never reach a resolver
 * (InetAddress would look a host name up in DNS).
 */
public final class IpLiteral {
    private IpLiteral() {
    }

    /**
     * The address of an IP literal, built from its bytes (never {@code InetAddress.getByName}, which
     * would resolve a text it does not take for a literal); null when {@code s} is not one. A
     * zone id ({@code %eth0}) is dropped: GeoIP does not use it.
     */
    public static InetAddress address(String s) {
        if (!isIp(s)) {
            return null;
        }
        byte[] bytes = bytes(s);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e); // 4 or 16: cannot happen
        }
    }

    /** The 4 or 16 bytes of an IP literal, or null when {@code s} is not one. */
    public static byte[] bytes(String s) {
        if (!isIp(s)) {
            return null;
        }
        return s.indexOf(':') >= 0 ? v6Bytes(s) : v4Bytes(s);
    }

    private static byte[] v4Bytes(String s) {
        String[] parts = s.split("\\.", -1);
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) Integer.parseInt(parts[i]);
        }
        return out;
    }

    /** Groups before {@code ::}, zeros, groups after; a trailing dotted quad is the last two groups. */
    private static byte[] v6Bytes(String s) {
        int zone = s.indexOf('%');
        String text = zone >= 0 ? s.substring(0, zone) : s;
        int dbl = text.indexOf("::");
        List<Integer> head = groups(dbl < 0 ? text : text.substring(0, dbl));
        List<Integer> tail = dbl < 0 ? List.of() : groups(text.substring(dbl + 2));
        byte[] out = new byte[16];
        int g = 0;
        for (int v : head) {
            put(out, g++, v);
        }
        g = 8 - tail.size();
        for (int v : tail) {
            put(out, g++, v);
        }
        return out;
    }

    private static List<Integer> groups(String part) {
        List<Integer> out = new ArrayList<>();
        if (part.isEmpty()) {
            return out;
        }
        for (String g : part.split(":", -1)) {
            if (g.indexOf('.') >= 0) {
                byte[] v4 = v4Bytes(g);
                out.add((v4[0] & 0xff) << 8 | (v4[1] & 0xff));
                out.add((v4[2] & 0xff) << 8 | (v4[3] & 0xff));
            } else {
                out.add(Integer.parseInt(g, 16));
            }
        }
        return out;
    }

    private static void put(byte[] out, int group, int value) {
        out[2 * group] = (byte) (value >>> 8);
        out[2 * group + 1] = (byte) value;
    }

    public static boolean isIp(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        return s.indexOf(':') >= 0 ? isV6(s) : isV4(s);
    }

    /** Four decimal parts 0-255 of one to three digits, without allocating (this runs for every event). */
    static boolean isV4(String s) {
        int parts = 0;
        int digits = 0;
        int value = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || value > 255 || ++parts > 4) {
                    return false;
                }
                digits = 0;
                value = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    static boolean isV6(String s) {
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        String[] groups = s.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) {
                continue; // the "::" run, or the empty side of a leading/trailing "::"
            }
            if (i == groups.length - 1 && g.indexOf('.') >= 0) {
                if (!isV4(g)) {
                    return false;
                }
                count += 2;
                continue;
            }
            if (g.length() > 4) {
                return false;
            }
            for (int k = 0; k < g.length(); k++) {
                if (Character.digit(g.charAt(k), 16) < 0) {
                    return false;
                }
            }
            count++;
        }
        if (dbl < 0) {
            return count == 8 && !s.startsWith(":") && !s.endsWith(":");
        }
        return count < 8;
    }
}
