package io.trailhound.core.rules.elastic.ecs;

/**
 * Whether a text is an IPv4 or IPv6 address literal, as the pipeline's {@code convert} to type ip
 * decides for {@code source.ip}. Parsed by hand: {@code sourceIPAddress} is attacker-controlled and
 * must never reach a resolver (InetAddress would look a host name up in DNS).
 */
final class IpLiteral {
    private IpLiteral() {
    }

    static boolean isIp(String s) {
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
