package io.trailhound.core.rules.ir;

/**
 * A rule as the engine runs it, whatever language it came from: what it is, which events it picks,
 * what (if anything) it counts across events, and how it words an alert.
 *
 * @param stateful   null for a rule that alerts on each matching event
 * @param firstMatch Falco's {@code rule_matching: first}: of the rules with this flag, only the first
 *                   in load order that matches an event alerts on it (rules without it all alert).
 *                   The front end sets it; the engine reads only the flag, never the language.
 */
public record CompiledRule(RuleInfo info, Predicate condition, Stateful stateful, OutputTemplate output,
                           boolean firstMatch) {
    /** A rule that alerts whatever other rules match. */
    public CompiledRule(RuleInfo info, Predicate condition, Stateful stateful, OutputTemplate output) {
        this(info, condition, stateful, output, false);
    }

    public CompiledRule withInfo(RuleInfo newInfo) {
        return new CompiledRule(newInfo, condition, stateful, output, firstMatch);
    }

    /** The same rule with another condition of the same meaning (reordered, say). */
    public CompiledRule withCondition(Predicate newCondition) {
        return new CompiledRule(info, newCondition, stateful, output, firstMatch);
    }

    /** The same rule with another output of the same wording (its fields shared with other rules', say). */
    public CompiledRule withOutput(OutputTemplate newOutput) {
        return new CompiledRule(info, condition, stateful, newOutput, firstMatch);
    }
}
