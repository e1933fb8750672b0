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

    static boolean isV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) {
                return false;
            }
            for (int i = 0; i < p.length(); i++) {
                if (!Character.isDigit(p.charAt(i)) || p.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
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
