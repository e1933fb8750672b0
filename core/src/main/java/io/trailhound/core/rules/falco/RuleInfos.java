package io.trailhound.core.rules.falco;

import io.trailhound.core.Severity;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.RuleInfo;
import io.trailhound.core.rules.ir.Threat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a Falco rule is, for alerts and {@code rules list}: its name is its id, its priority stays
 * as written and maps onto the shared severity scale, and MITRE ATT&amp;CK mappings come from tags
 * written the way Falco's own rules write them ({@code T1078}, {@code T1078.004},
 * {@code mitre_persistence}).
 */
final class RuleInfos {
    private static final List<String> PRIORITIES = List.of("emergency", "alert", "critical", "error", "warning",
            "notice", "informational", "info", "debug");
    private static final Pattern TECHNIQUE = Pattern.compile("(?i)(?:mitre_)?(T\\d{4})(?:\\.(\\d{3}))?");
    private static final Pattern TACTIC = Pattern.compile("(?i)mitre_([a-z_]+)");

    private RuleInfos() {
    }

    /** Whether {@code priority} is one of Falco's eight (case-insensitive, {@code info} allowed). */
    public static boolean validPriority(String priority) {
        return PRIORITIES.contains(priority.trim().toLowerCase(Locale.ROOT));
    }

    public static RuleInfo of(RuleDef r, RuleFormat format, Map<String, String> extra) {
        String reason = r.enabled() ? null : "enabled: false in " + r.position().file();
        return new RuleInfo(r.name(), r.name(), format, r.position().file(), r.position().line(), r.priority(),
                Severity.parse(r.priority()), null, r.tags(), threats(r.tags()), List.of(), r.desc(), r.enabled(),
                reason, List.of(), extra);
    }

    static List<Threat> threats(List<String> tags) {
        String tactic = null;
        for (String t : tags) {
            var m = TACTIC.matcher(t);
            if (m.matches() && !TECHNIQUE.matcher(t).matches()) {
                tactic = title(m.group(1));
                break;
            }
        }
        List<Threat> out = new ArrayList<>();
        for (String t : tags) {
            var m = TECHNIQUE.matcher(t);
            if (m.matches()) {
                String technique = m.group(1).toUpperCase(Locale.ROOT);
                String sub = m.group(2) == null ? null : technique + "." + m.group(2);
                out.add(new Threat(null, tactic, technique, null, sub, null));
            }
        }
        if (out.isEmpty() && tactic != null) {
            out.add(new Threat(null, tactic, null, null, null, null));
        }
        return out;
    }

    /** {@code privilege_escalation} → {@code Privilege Escalation}. */
    private static String title(String snake) {
        StringBuilder sb = new StringBuilder();
        for (String w : snake.split("_")) {
            if (!w.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : " ").append(Character.toUpperCase(w.charAt(0)))
                        .append(w.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return sb.toString();
    }
}
