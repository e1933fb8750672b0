/**
 * Rule loading, the part of the detect stage a host sees before any event: {@link RuleLoader}
 * reads the {@link RuleFile}s of each {@link RuleSource} ({@code --rules FORMAT:PATH}) and hands
 * them to the {@link RuleFrontEnd} that {@link RuleFormats} registers for the language; a front end
 * returns a {@link LoadResult} of compiled rules and {@link LoadProblem}s. {@link RuleSelection}
 * then switches rules on or off ({@code --enable}, {@code --disable}, {@code --tag},
 * {@code --min-priority}). Running the rules is {@code rules.engine}'s.
 *
 * <p>Subpackages: {@code rules.ir} (the one rule IR every front end compiles to), {@code rules.load}
 * (what front ends share to read files: the bounded YAML reader and limits), one package per front
 * end ({@code rules.falco}, {@code rules.elastic}, {@code rules.sigma}) and {@code rules.engine}.
 *
 * <p>Depends on {@code rules.ir}; only {@code RuleFormats} names the front-end packages. It never
 * sees an event.
 */
package io.trailhound.core.rules;
