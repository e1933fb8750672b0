/**
 * Elastic detection rules (elastic/detection-rules TOML) compiled to the shared rule IR. One
 * package, split by stage; the stages are package-private classes whose names say which stage they
 * belong to, and {@link ElasticFrontEnd} ties them together. Files are independent, so there is no
 * collector stage:
 * <ol>
 *   <li><b>Reader</b>: {@code TomlRuleReader} (Jackson's TOML parser) gives an
 *       {@code ElasticRuleDocument}: the {@code [metadata]} and {@code [rule]} tables and the lines
 *       of the rule and its query ({@code RuleValueTypes} fails values of the wrong type);
 *       {@code RuleInfoReader} builds the {@link io.trailhound.core.rules.ir.RuleInfo} (severity,
 *       risk score, tags, {@code ThreatReader}'s threat, execution settings with Kibana's defaults);
 *       {@code NewTermsReader} reads {@code [rule.new_terms]}; {@code DateMath} parses durations and
 *       {@code now-…} look-backs. It parses no query and resolves no field.</li>
 *   <li><b>ECS view</b>: the ECS document of a CloudTrail event as Elastic's {@code aws.cloudtrail}
 *       ingest pipeline builds it, one accessor per field, computed lazily from the same
 *       {@link io.trailhound.core.event.CloudTrailEvent} with the shared accessor kit
 *       ({@link io.trailhound.core.rules.ir.Accessors}; {@link EcsFields}; {@code PipelineValues}
 *       for the pipeline's value transformations, {@code IdentityFields}, {@code EntityFields},
 *       {@code EcsCategorisation}, {@code GeoFields} for its computed fields). Nothing is stored per
 *       event: no second document is built. Per rule, {@code FieldResolver} maps ECS names to
 *       {@code EcsField}s and records what the rule needs that the run lacks (GeoIP databases, a
 *       user-agent parser) or that the pipeline never sets.</li>
 *   <li><b>Query compilers</b>: {@code KqlParser} reads Kibana Query Language as Kibana's grammar
 *       ({@code kuery.peggy}) does, into {@code KqlNode}s with {@code KqlValue} literals;
 *       {@code KqlCompiler} compiles the tree to an IR predicate with Kibana's keyword-field
 *       semantics. {@code EqlLexer} and {@code EqlParser} read an Event Query Language event query
 *       or {@code sequence} into an {@code EqlQuery} of {@code EqlNode} conditions;
 *       {@code EqlCompiler} compiles each step with Elasticsearch's keyword-field semantics. Both
 *       resolve names through {@code FieldResolver}, throw a syntax error with the offset in the
 *       query, and build predicates without ever evaluating them.</li>
 *   <li><b>Rule compiler</b>: {@code ElasticRuleCompiler} turns the rule type into a stateful
 *       operator ({@code new_terms}, {@code threshold}, EQL {@code sequence}) and
 *       {@code ElasticOutputTemplate} words the alert. {@code EsqlRuleCompiler} hands an
 *       {@code esql} rule's query to {@link io.trailhound.core.rules.esql} with
 *       {@code EcsEnvironment} (this package's field resolution and KQL compiler) and the rule's
 *       {@code from} / {@code interval} as its schedule.</li>
 *   <li><b>GeoIP</b>: {@link GeoIp} holds the user's MaxMind DB files ({@code --geoip-city},
 *       {@code --geoip-asn}), read locally with MaxMind's reader ({@code MmdbLookup},
 *       {@code MmdbValues}), and answers a {@code CityRecord} and an {@code AsnRecord} per address
 *       through a bounded per-address cache; {@link GeoIp#NONE} has no database, and the fields are
 *       then absent. It never resolves a host name and sends nothing anywhere. Public because the
 *       CLI opens the databases for {@code --geoip-*}.</li>
 * </ol>
 *
 * <p>Stages throw the shared {@code RuleSyntaxException} (the reader at a line and column, the
 * query parsers at an offset in the query, which the rule compiler maps to a line), and problems go
 * to the shared {@code Problems}.
 *
 * <p>Depends on {@code rules} (the front-end contract and load results), {@code rules.load} (the
 * shared load toolkit: limits, positions, errors, problems), {@code rules.ir}, {@code rules.esql},
 * {@code event},
 * Jackson (TOML, trees), RE2/J and the MaxMind DB reader.
 *
 * <p>Choices where Elastic leaves room, each explained where it is made: {@code ?} is literal
 * text in KQL (Kibana's grammar has only {@code *}); EQL {@code stringContains} treats {@code *}
 * and {@code ?} in its argument as wildcards and backslash as their escape, as Elasticsearch's
 * wildcard query does and the published rules expect; a threshold rule counts within its
 * {@code from} look-back; {@code source.geo.*} and {@code source.as.*} are looked up from
 * {@code source.ip} in the user's MaxMind databases and are absent without them, as parsed
 * {@code user_agent.*} always is (no user-agent parser yet); rules using absent fields say so in
 * {@link io.trailhound.core.rules.ir.RuleInfo#needs()}.
 */
package io.trailhound.core.rules.elastic;
