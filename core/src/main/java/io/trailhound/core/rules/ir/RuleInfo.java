package io.trailhound.core.rules.ir;

import io.trailhound.core.Severity;

import java.util.List;
import java.util.Map;

/**
 * What a rule is, apart from its logic: the part alerts, {@code rules list} and the enable /
 * disable selectors read.
 *
 * @param id         stable id: Elastic {@code rule_id}, Sigma {@code id}; the rule name for Falco
 * @param name       the rule's name or title, as the rule file writes it
 * @param format     the language it came from
 * @param file       the file it was loaded from ({@code builtin:…} for the shipped pack)
 * @param line       1-based line of the rule in that file, 0 when unknown
 * @param priority   the rule's own word for its level (Falco {@code WARNING}, Sigma {@code high})
 * @param severity   that level on the shared scale
 * @param riskScore  Elastic's 0–100 risk score, or null
 * @param tags       the rule's tags as written
 * @param threat     MITRE mappings
 * @param author     authors (Sigma's licence asks that alerts name them), may be empty
 * @param description what it detects, for people
 * @param enabled    whether it runs by default
 * @param disabledReason why not, when not enabled (unsupported type, disabled in the file, …)
 * @param needs      data the rule needs that the run may not have (e.g. {@code source.as.*: --geoip-asn}), may be empty
 * @param extra      other keys worth showing (Elastic {@code type}, {@code language}; Sigma {@code status}), may be empty
 */
public record RuleInfo(String id, String name, RuleFormat format, String file, int line, String priority,
                       Severity severity, Integer riskScore, List<String> tags, List<Threat> threat,
                       List<String> author, String description, boolean enabled, String disabledReason,
                       List<String> needs, Map<String, String> extra) {
    public RuleInfo {
        tags = List.copyOf(tags);
        threat = List.copyOf(threat);
        author = List.copyOf(author);
        needs = List.copyOf(needs);
        extra = Map.copyOf(extra);
    }

    /** The same rule, switched on or off (by {@code --enable}, {@code --disable}, or the file). */
    public RuleInfo withEnabled(boolean on, String reason) {
        return new RuleInfo(id, name, format, file, line, priority, severity, riskScore, tags, threat, author,
                description, on, on ? null : reason, needs, extra);
    }
}
