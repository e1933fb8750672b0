/**
 * Cross-event detection: {@link StatefulRules} runs the IR's
 * {@link io.trailhound.core.rules.ir.Stateful} operators (new terms, threshold, sequence) over the
 * candidates the {@link io.trailhound.core.rules.Detector} found, each with its event's attribution;
 * at {@code finish} every rule's candidates are taken in event-time order, so a batch scan gives the
 * alerts a live run would. {@link TermHistory} is where new-terms rules remember terms
 * ({@link MemoryTermHistory} for one run, the store's across runs).
 *
 * <p>Depends on {@code rules} ({@code Detection}), {@code rules.ir}, {@code alert} (it emits to an
 * {@code AlertSink}), {@code identity} ({@code Attribution}, carried, never computed) and
 * {@code event}. It never evaluates a condition: candidates arrive matched. Its state is the
 * pending candidates per rule (a new-terms candidate drops its event as soon as it cannot alert),
 * what a streaming host must keep per rule group.
 */
package io.trailhound.core.rules.state;
