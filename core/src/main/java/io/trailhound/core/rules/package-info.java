/**
 * The detect stage: rule loading and the engine. Loading: {@link RuleLoader} reads the
 * {@link RuleFile}s of each {@link RuleSource} ({@code --rules FORMAT:PATH}) and hands them to the
 * {@link RuleFrontEnd} that {@link RuleFormats} registers for the language; a front end returns a
 * {@link LoadResult} of compiled rules and {@link LoadProblem}s. Running: {@link RuleSelection} picks
 * the enabled rules, {@link RuleSet} indexes them by the eventName / eventSource their conditions
 * require, {@link Detector} tests each event in the reading threads (stateless, thread-safe) and
 * gives a {@link Detection} of hits and stateful candidates; {@link SignalBudget} applies Elastic's
 * {@code max_signals}; {@link Explain} says why a rule did not match ({@code rules test}).
 *
 * <p>Depends on {@code rules.ir}, {@code event} and {@code alert} ({@code AlertEvent} in a
 * detection, {@code Alert} in the budget); only {@code RuleFormats} names the front-end packages.
 * The engine evaluates IR predicates only, never a rule language's text; it knows nothing of
 * attribution (joined later, in {@code scan}) and leaves cross-event state to {@code rules.state}.
 * One language leaks in: Falco's {@code rule_matching: first} is a Falco test in {@code Detector}.
 */
package io.trailhound.core.rules;
