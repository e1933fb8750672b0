/**
 * The one rule IR every front end compiles to and the engine runs. A {@link CompiledRule} is its
 * {@link RuleInfo} (with a {@link io.trailhound.core.Severity} and {@link Threat}s), a stateless {@link Predicate} tree
 * over {@link Accessor}s (typed, precompiled field reads) and {@link Matcher}s (built once: see
 * {@link Matchers}, {@link Wildcard}, {@link IpLiteral}), an optional {@link Stateful} operator
 * (new terms, threshold, sequence) and an {@link OutputTemplate}. {@link Accessors} is the
 * accessor kit every front end builds its fields with (CloudTrail's own fields by path, a
 * language's names for them, computed fields), and the one place that knows what reading a field
 * costs; {@link Predicates} builds trees and reads back what the engine
 * indexes on (required event names, costs for cheapest-first order).
 *
 * <p>Depends on {@code event}, Jackson trees and RE2/J. It imports no front end and no engine
 * class, parses no rule file and keeps no state across events ({@code Stateful} only describes an
 * operator; {@code rules.engine} runs it). It still names the languages in {@link RuleFormat}, maps
 * their level words in {@link io.trailhound.core.Severity#parse} and follows Sigma's escapes in {@link Wildcard#parse}.
 */
package io.trailhound.core.rules.ir;
