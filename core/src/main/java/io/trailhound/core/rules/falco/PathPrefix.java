package io.trailhound.core.rules.falco;

import com.google.re2j.Pattern;
import io.trailhound.core.rules.ir.Matcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Falco's {@code pmatch}: the value is one of the paths or below it, component by component, so
 * {@code /var/run} matches {@code /var/run} and {@code /var/run/x} but not {@code /var/runx}. A
 * component may be a glob.
 */
final class PathPrefix implements Matcher {
    private final List<List<Object>> prefixes = new ArrayList<>(); // each component: String or Pattern
    private final String description;

    PathPrefix(List<String> paths) {
        for (String p : paths) {
            List<Object> comps = new ArrayList<>();
            for (String c : components(p)) {
                comps.add(Globs.hasWildcard(c) ? Globs.compile(c, false) : c);
            }
            prefixes.add(comps);
        }
        this.description = "pmatch " + paths;
    }

    private static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        for (String c : path.split("/", -1)) {
            if (!c.isEmpty()) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public boolean test(String value) {
        List<String> v = components(value);
        boolean absolute = value.startsWith("/");
        for (List<Object> prefix : prefixes) {
            if (absolute && prefix.size() <= v.size() && matches(prefix, v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<Object> prefix, List<String> value) {
        for (int i = 0; i < prefix.size(); i++) {
            Object c = prefix.get(i);
            boolean ok = c instanceof Pattern p ? p.matches(value.get(i)) : c.equals(value.get(i));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
