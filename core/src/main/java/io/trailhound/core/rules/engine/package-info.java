/**
 * The rule engine, in one package: everything that runs compiled rules over events, whatever
 * language they came from.
 * <ul>
 *   <li>Per event, in the reading threads: {@link RuleSet} indexes the enabled rules by the
 *       eventName / eventSource their conditions require; {@link Detector} tests each event against
 *       its candidates (stateless, thread-safe) and gives a {@link Detection} of hits and stateful
 *       candidates. {@link Explain} says why a rule did not match ({@code rules test}).</li>
 *   <li>Across events: {@link StatefulRules} runs the IR's
 *       {@link io.trailhound.core.rules.ir.Stateful} operators (new terms, threshold, sequence) over
 *       the candidates, each with its event's attribution; at {@code finish} every rule's candidates
 *       are taken in event-time order, so a batch scan gives the alerts a live run would.
 *       {@code QueryWindows} runs windowed query rules (ES|QL {@code STATS}) as Kibana schedules
 *       them: every {@code interval} over the look-back, in event time; each result row alerts on
 *       its latest event, with the eventIDs and origins of the events that made it.
 *       {@link TermHistory} is where new-terms rules remember terms ({@link MemoryTermHistory} for
 *       one run, the store's across runs).</li>
 *   <li>In the pipeline: {@link DetectionStage} is the detect stage of {@code core.scan}: rules in
 *       the reading threads, findings held by credential while its answer is pending (or, with an attribution wait, sent and then updated), the
 *       stateful rules at the end, and Elastic's {@code max_signals} ({@code SignalBudget}). The
 *       pipeline builder wires it to attribution through {@link DetectionStage#awaitAttribution}, its
 *       one hook; a host only hands the builder the stage.</li>
 * </ul>
 *
 * <p>Depends on {@code rules.ir} (and {@code rules.RuleSelection} for what can run), {@code event},
 * {@code alert} (it emits to an {@code AlertSink}), {@code identity} ({@code Attribution}, carried,
 * never computed) and {@code stage}. It evaluates IR predicates only, never a rule language's text,
 * and names no front end (Falco's {@code rule_matching: first} reaches it as a flag on each rule,
 * {@link io.trailhound.core.rules.ir.CompiledRule#firstMatch()}). State across events, what a streaming host must keep (see
 * {@link DetectionStage#held}): the findings waiting for their credential's answer, by credential, and
 * the pending stateful candidates per rule and group or term (a new-terms candidate drops its event
 * as soon as it cannot alert).
 */
package io.trailhound.core.rules.engine;
