/**
 * Rule loading, the part of the detect stage a host sees before any event: {@link RuleLoader}
 * reads the {@link RuleFile}s of each {@link RuleSource} ({@code --rules FORMAT:PATH}) and hands
 * them to the {@link RuleFrontEnd} of the language; a front end returns a {@link LoadResult} of
 * compiled rules and {@link LoadProblem}s. {@link RuleSelection} then switches rules on or off
 * ({@code --enable}, {@code --disable}, {@code --tag}, {@code --min-priority}). Running the rules
 * is {@code rules.engine}'s.
 *
 * <p>A language is one registration: {@link RuleFormats} lists the front ends, and everything
 * else asks them (the FORMAT words of {@code --rules}, which files a directory holds, the format
 * of a bare path, how alerts word priorities, the rule types {@code rules list} shows); language
 * options (GeoIP databases for Elastic, Falco's {@code rule_matching: first}) are given to the
 * registry, which hands them to the front end concerned.
 *
 * <p>Subpackages: {@code rules.ir} (the one rule IR every front end compiles to), {@code rules.load}
 * (what front ends share to read files), one package per front end ({@code rules.falco},
 * {@code rules.elastic}, {@code rules.sigma}) and {@code rules.engine}.
 *
 * <p>Depends on {@code rules.ir}; only {@code RuleFormats} names the front-end packages. It never
 * sees an event.
 */
package io.trailhound.core.rules;
