/**
 * Elastic detection rules (elastic/detection-rules TOML) compiled to the shared rule IR, in
 * stages, one package each:
 * <ul>
 * <li>{@code toml}: reads a rule file ({@link io.trailhound.core.rules.elastic.toml.TomlRuleReader}),
 *     its metadata ({@link io.trailhound.core.rules.elastic.toml.RuleInfoReader}), threat and
 *     new_terms tables, and date math;</li>
 * <li>{@code ecs}: the ECS view of a CloudTrail event as Elastic's {@code aws.cloudtrail} ingest
 *     pipeline builds it, computed lazily per field
 *     ({@link io.trailhound.core.rules.elastic.ecs.EcsFields}), and the per-rule field resolver
 *     that records what a rule needs;</li>
 * <li>{@code kql}, {@code eql}: parser and compiler of each query language to IR predicates;</li>
 * <li>this package: the rule compiler (type → stateful operator), the alert wording, and
 *     {@link io.trailhound.core.rules.elastic.ElasticFrontEnd}, the entry point.</li>
 * </ul>
 *
 * <p>Choices where Elastic leaves room, each explained where it is made: {@code ?} is literal
 * text in KQL (Kibana's grammar has only {@code *}); EQL {@code stringContains} treats {@code *}
 * and {@code ?} in its argument as wildcards and backslash as their escape, as Elasticsearch's
 * wildcard query does and the published rules expect; a threshold rule counts within its
 * {@code from} look-back; {@code source.geo.*} and {@code source.as.*} are looked up from
 * {@code source.ip} in the user's MaxMind databases ({@code --geoip-city}, {@code --geoip-asn};
 * package {@code geo}) and are absent without them, as parsed {@code user_agent.*} always is (no
 * user-agent parser yet); rules using absent fields say so in
 * {@link io.trailhound.core.rules.ir.RuleInfo#needs()}.
 */
package io.trailhound.core.rules.elastic;
