/**
 * Falco front end, stage 1 (Falco's {@code rule_loader_reader} and {@code rule_loader_collector}).
 * {@link RuleFileReader} turns a rules file into {@link RawItem}s (SnakeYAML Engine composes nodes
 * only: a file cannot instantiate anything), each a {@link YamlMap} that keeps the {@link Position}
 * of every key and value; {@link RuleCollector} applies redefinition, {@code append},
 * {@code override} and {@code enabled} across files in order, giving the {@link Collected}
 * {@link ListDef}s, {@link MacroDef}s and {@link RuleDef}s; {@link ExceptionConditions} writes a
 * rule's exceptions into its condition text. {@link Problems} collects the
 * {@link io.trailhound.core.rules.LoadProblem}s with Falco's codes.
 *
 * <p>Depends on SnakeYAML Engine, {@code rules.LoadProblem} and, to quote exception values,
 * {@link io.trailhound.core.rules.falco.condition.ListSubstitution}. Conditions stay text here: it
 * parses no condition, resolves no field, compiles nothing and never sees an event.
 */
package io.trailhound.core.rules.falco.load;
