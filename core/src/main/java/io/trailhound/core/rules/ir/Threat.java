package io.trailhound.core.rules.ir;

/**
 * One MITRE ATT&amp;CK mapping of a rule: tactic and technique (sub-technique when given). Ids are
 * {@code TA0004}, {@code T1078}, {@code T1078.004}; any part may be null when the rule does not say.
 */
public record Threat(String tacticId, String tacticName, String techniqueId, String techniqueName,
                     String subtechniqueId, String subtechniqueName) {
}
