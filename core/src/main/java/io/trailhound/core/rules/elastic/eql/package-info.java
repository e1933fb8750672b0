/**
 * Elastic front end: Event Query Language, the part detection rules use. {@code EqlLexer} and
 * {@link EqlParser} read an event query or a {@code sequence} into an {@link EqlQuery} of
 * {@link EqlNode} conditions ({@link EqlSyntaxException} for what is not EQL or not supported);
 * {@link EqlCompiler} compiles each step to an IR predicate with Elasticsearch's keyword-field
 * semantics, resolving names through {@link io.trailhound.core.rules.elastic.ecs.FieldResolver}.
 * The parent package's rule compiler turns a sequence into the IR's {@code Stateful.Sequence}.
 *
 * <p>Depends on {@code ecs}, {@code rules.ir}, RE2/J and, for {@code maxspan}, the {@code toml}
 * package's {@link io.trailhound.core.rules.elastic.toml.DateMath}. It builds predicates and never
 * evaluates them against events.
 */
package io.trailhound.core.rules.elastic.eql;
