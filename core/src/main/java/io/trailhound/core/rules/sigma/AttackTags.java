package io.trailhound.core.rules.sigma;

import io.trailhound.core.rules.ir.Threat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MITRE ATT&amp;CK mappings from Sigma tags: {@code attack.t1078.004} names a (sub-)technique,
 * {@code attack.initial-access} a tactic. Sigma does not pair techniques with tactics, so when a
 * rule names exactly one tactic its techniques are put under it; otherwise tactics and techniques
 * are listed as separate mappings rather than paired by guess. Technique names are not known here
 * (no ATT&amp;CK table is shipped), only their ids.
 */
final class AttackTags {
    private static final Map<String, String[]> TACTICS = new LinkedHashMap<>();

    static {
        tactic("reconnaissance", "TA0043", "Reconnaissance");
        tactic("resource-development", "TA0042", "Resource Development");
        tactic("initial-access", "TA0001", "Initial Access");
        tactic("execution", "TA0002", "Execution");
        tactic("persistence", "TA0003", "Persistence");
        tactic("privilege-escalation", "TA0004", "Privilege Escalation");
        tactic("defense-evasion", "TA0005", "Defense Evasion");
        tactic("credential-access", "TA0006", "Credential Access");
        tactic("discovery", "TA0007", "Discovery");
        tactic("lateral-movement", "TA0008", "Lateral Movement");
        tactic("collection", "TA0009", "Collection");
        tactic("command-and-control", "TA0011", "Command and Control");
        tactic("exfiltration", "TA0010", "Exfiltration");
        tactic("impact", "TA0040", "Impact");
    }

    private AttackTags() {
    }

    private static void tactic(String tag, String id, String name) {
        TACTICS.put(tag, new String[] {id, name});
    }

    static List<Threat> threats(List<String> tags) {
        List<String[]> tactics = new ArrayList<>();
        List<String> techniques = new ArrayList<>();
        for (String tag : tags) {
            String t = tag.toLowerCase(Locale.ROOT);
            if (!t.startsWith("attack.")) {
                continue;
            }
            String rest = t.substring("attack.".length());
            if (rest.matches("t\\d{4}(\\.\\d{3})?")) {
                techniques.add(rest.toUpperCase(Locale.ROOT));
            } else if (rest.matches("[a-z][a-z-]*")) {
                String[] known = TACTICS.get(rest);
                // Tactics newer than this table (e.g. ATT&CK's stealth, defense-impairment) keep their name, no id.
                tactics.add(known != null ? known : new String[] {null, titleCase(rest)});
            }
        }
        List<Threat> out = new ArrayList<>();
        String[] only = tactics.size() == 1 ? tactics.get(0) : new String[] {null, null};
        if (tactics.size() != 1) {
            for (String[] t : tactics) {
                out.add(new Threat(t[0], t[1], null, null, null, null));
            }
        }
        for (String tech : techniques) {
            int dot = tech.indexOf('.');
            out.add(dot < 0 ? new Threat(only[0], only[1], tech, null, null, null)
                    : new Threat(only[0], only[1], tech.substring(0, dot), null, tech, null));
        }
        if (tactics.size() == 1 && techniques.isEmpty()) {
            out.add(new Threat(only[0], only[1], null, null, null, null));
        }
        return out;
    }

    private static String titleCase(String dashed) {
        StringBuilder sb = new StringBuilder();
        for (String w : dashed.split("-")) {
            if (!w.isEmpty()) {
                sb.append(sb.isEmpty() ? "" : " ").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            }
        }
        return sb.toString();
    }
}
