package io.trailhound.core.rules.sigma;

import io.trailhound.core.Severity;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.RuleInfo;
import io.trailhound.core.rules.load.Position;
import io.trailhound.core.rules.load.Problems;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Sigma document's metadata as a {@link RuleInfo}: id, title, level (→ severity), tags and
 * ATT&amp;CK mappings, author (kept as written: the DRL asks alerts to name it), description, and
 * status, logsource, dates, references and false positives as extras.
 */
final class RuleInfoReader {
    private final Problems problems;

    RuleInfoReader(Problems problems) {
        this.problems = problems;
    }

    RuleInfo read(SigmaDocument doc) {
        YamlNode.MapNode b = doc.body();
        String title = text(b, "title");
        if (title == null || title.isBlank()) {
            throw RuleSyntaxException.atLine(doc.line(), "SIGMA_NO_TITLE", "a Sigma rule needs a 'title'");
        }
        String id = text(b, "id");
        if (id == null) {
            id = title;
            problems.warning(Position.of(doc.file(), doc.line()), title, "SIGMA_NO_ID",
                    "no 'id': the title stands in for it, so renaming the rule changes its id");
        }
        String level = text(b, "level");
        Severity severity = Severity.parse(level);
        if (severity == null) {
            problems.warning(Position.of(doc.file(), b.lineOf("level")), title, "SIGMA_NO_LEVEL",
                    (level == null ? "no 'level'" : "unknown level '" + level + "'") + ": taken as medium");
            severity = Severity.MEDIUM;
        }
        List<String> tags = texts(b.get("tags"));
        Map<String, String> extra = new LinkedHashMap<>();
        put(extra, "status", text(b, "status"));
        put(extra, "logsource", LogsourceFilter.describe(b.get("logsource")));
        put(extra, "date", text(b, "date"));
        put(extra, "modified", text(b, "modified"));
        put(extra, "references", String.join(" ", texts(b.get("references"))));
        put(extra, "falsepositives", String.join("; ", texts(b.get("falsepositives"))));
        put(extra, "name", text(b, "name"));
        return new RuleInfo(id, title, RuleFormat.SIGMA, doc.file(), doc.line(), level, severity, null, tags,
                AttackTags.threats(tags), texts(b.get("author")), text(b, "description"), true, null, List.of(),
                extra);
    }

    private static void put(Map<String, String> extra, String key, String value) {
        if (value != null && !value.isEmpty()) {
            extra.put(key, value);
        }
    }

    static String text(YamlNode.MapNode m, String key) {
        return m.get(key) instanceof YamlNode.Scalar s && !s.isNull() ? s.text() : null;
    }

    /** A scalar or a list of scalars as a list of texts (nulls and nested values left out). */
    static List<String> texts(YamlNode n) {
        List<String> out = new ArrayList<>();
        if (n instanceof YamlNode.Scalar s && !s.isNull()) {
            out.add(s.text());
        } else if (n instanceof YamlNode.ListNode l) {
            for (YamlNode x : l.items()) {
                if (x instanceof YamlNode.Scalar s && !s.isNull()) {
                    out.add(s.text());
                }
            }
        }
        return out;
    }
}
