/**
 * Elastic front end, stage 1: reading a detection-rules TOML file. {@link TomlRuleReader} (Jackson's
 * TOML parser) gives an {@link ElasticRuleDocument}: the {@code [metadata]} and {@code [rule]} tables
 * and the lines of the rule and its query; {@link RuleInfoReader} builds the
 * {@link io.trailhound.core.rules.ir.RuleInfo} (severity, risk score, tags, threat, execution
 * settings with Kibana's defaults); {@link NewTermsReader} reads {@code [rule.new_terms]};
 * {@link DateMath} parses durations and {@code now-…} look-backs.
 *
 * <p>Depends on Jackson (TOML, trees), {@code rules.RuleFile} and {@code rules.ir} ({@code RuleInfo},
 * {@code Severity}, {@code Threat}). It parses no query ({@code kql}, {@code eql}), resolves no
 * field ({@code ecs}) and never sees an event.
 */
package io.trailhound.core.rules.elastic.toml;
