/**
 * Alerts, what detection hands to sinks: an {@link Alert} is one rule firing on one event (or on the
 * event that completed a stateful pattern), with the rule's
 * {@link io.trailhound.core.rules.ir.RuleInfo}, its rendered output, an {@link AlertEvent} (the few
 * fields that find the event again, held instead of the record) and the origin's
 * {@link io.trailhound.core.identity.Attribution}. An {@link AlertSink} receives them (the terminal,
 * NDJSON and store sinks live in the hosts); {@link AlertSummary} counts them by rule and severity
 * for the run summary and {@code --fail-on}.
 *
 * <p>Depends on {@code event} (to build an {@code AlertEvent}), {@code identity} (the attribution it
 * carries) and {@code rules.ir} ({@code RuleInfo}, {@code Severity}). Plain data: it carries no
 * rule-language logic and decides nothing; rules and attribution are done before an alert exists.
 */
package io.trailhound.core.alert;
