/**
 * The load toolkit every rule front end shares:
 * <ul>
 *   <li>the hardened YAML reader ({@link RuleYaml}, through {@code LimitedParser}) and the bounds on
 *       nesting and expansion ({@link RuleLimits}, {@link TermBudget}) that make a hostile rule file
 *       fail with a positioned error instead of overflowing the stack, exhausting memory or never
 *       finishing;</li>
 *   <li>one error type, {@link RuleSyntaxException}: a rule (or file) that cannot load, with a
 *       {@link Position} in the file or an offset in the text parsed, and optionally its problem
 *       code. {@link YamlLimitException} is the one other: it is thrown from inside SnakeYAML, so it
 *       must be SnakeYAML's own kind ({@code MarkedYamlEngineException}), and front ends report it
 *       as they report YAML syntax errors;</li>
 *   <li>one collector, {@link Problems}, of the {@link io.trailhound.core.rules.LoadProblem}s of a
 *       load in the order found.</li>
 * </ul>
 *
 * <p>Depends on SnakeYAML Engine and {@code rules.LoadProblem}. It knows no rule language's
 * meaning, compiles nothing and never sees an event.
 */
package io.trailhound.core.rules.load;
