/**
 * The Sigma front end: Sigma rules (specification v2) compiled to the shared rule IR, run on raw
 * CloudTrail. Entry point: {@link io.trailhound.core.rules.sigma.SigmaFrontEnd}.
 *
 * <p>Stages, one class each: {@code YamlReader} (YAML documents with line numbers, through the
 * shared, bounded {@code io.trailhound.core.rules.load.RuleYaml} reader) →
 * {@code RuleCollector} (rule collections: {@code action: global / repeat / reset}) →
 * {@code RuleInfoReader} + {@code LogsourceFilter} (metadata; only {@code product: aws} with
 * {@code service: cloudtrail} or none) → {@code DetectionCompiler} ({@code SearchCompiler} per
 * search identifier, {@code FieldSearchCompiler} per field entry, {@code ConditionParser} for the
 * condition) → {@code CorrelationCompiler} (event_count / value_count → threshold, temporal →
 * sequence). A stage that finds a rule it cannot load throws the shared
 * {@code io.trailhound.core.rules.load.RuleSyntaxException} with the line and a {@code SIGMA_*}
 * code; the front end reports it to the shared {@code Problems} and goes on with the next rule.
 *
 * <p>Semantics on CloudTrail, as the SigmaHQ AWS rules need them: field names are CloudTrail's
 * JSON paths; strings compare case-insensitively unless {@code |cased}; {@code *} / {@code ?}
 * wildcards with {@code \} escapes; {@code null} is missing-or-null; numbers and booleans compare
 * by their JSON text ({@code 'false'} matches {@code false}); arrays on a path fan out (any element
 * matches); a path ending at an object yields its compact JSON text plus every string inside it
 * (see {@code SigmaFieldAccessors}); {@code re} is an unanchored RE2 search.
 *
 * <p>Three SigmaHQ rules misbehave on raw CloudTrail and are run unchanged, with these semantics:
 * {@code aws_iam_backdoor_users_keys} (its filter compares with a literal text, so it fires on
 * every CreateAccessKey), {@code aws_update_login_profile} (an ARN never equals a bare user name,
 * so its filter never holds) and {@code aws_delete_saml_provider} (requires a {@code status} field
 * CloudTrail records do not have, so it never fires). {@code UpstreamQuirksTest} pins each.
 */
package io.trailhound.core.rules.sigma;
