package io.trailhound.core.rules.ir;

/**
 * A rule as the engine runs it, whatever language it came from: what it is, which events it picks,
 * what (if anything) it counts across events, and how it words an alert.
 *
 * @param stateful null for a rule that alerts on each matching event
 */
public record CompiledRule(RuleInfo info, Predicate condition, Stateful stateful, OutputTemplate output) {
    public CompiledRule withInfo(RuleInfo newInfo) {
        return new CompiledRule(newInfo, condition, stateful, output);
    }
}
