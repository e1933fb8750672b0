/**
 * Elastic front end: Kibana Query Language. {@link KqlParser} reads a query as Kibana's grammar
 * ({@code kuery.peggy}) does, into {@link KqlNode}s with {@link KqlValue} literals, or throws a
 * {@link KqlSyntaxException} with the offset; {@link KqlCompiler} compiles the tree to an IR
 * predicate with Kibana's keyword-field semantics, resolving names through
 * {@link io.trailhound.core.rules.elastic.ecs.FieldResolver}.
 *
 * <p>Depends on {@code ecs} and {@code rules.ir} only. It builds predicates and never evaluates
 * them against events.
 */
package io.trailhound.core.rules.elastic.kql;
