/**
 * ES|QL, as Elastic's detection rules write it, compiled for the rule engine. Public surface:
 * {@link io.trailhound.core.rules.esql.EsqlCompiler#compile} over an
 * {@link io.trailhound.core.rules.esql.EsqlEnvironment} (the document view: the Elastic front end
 * gives its ECS view of CloudTrail and its KQL compiler), giving an
 * {@link io.trailhound.core.rules.esql.EsqlRule}: an IR prefilter and a
 * {@link io.trailhound.core.rules.ir.Stateful.Query}, or why the query cannot run and where.
 * Package-private stages:
 * <ol>
 *   <li><b>Reader</b>: {@code EsqlLexer} and {@code EsqlParser} (recursive descent, bounded
 *       nesting and operator chains) read {@code FROM ... METADATA} and the processing commands
 *       {@code WHERE EVAL STATS KEEP DROP RENAME SORT LIMIT GROK DISSECT MV_EXPAND} into
 *       {@code EsqlAst}; a malformed query is a syntax error at its offset, another command is
 *       {@code Unsupported}.</li>
 *   <li><b>Planner</b>: {@code EsqlCompiler} splits a query into its per-event part (leading
 *       row-wise commands without {@code NOW()}) and its window part (from the first
 *       {@code STATS}, {@code SORT}, {@code LIMIT} or {@code NOW()}); {@code Prefilter} draws from
 *       the per-event {@code WHERE}s a necessary IR condition the engine indexes; {@code Names}
 *       finds what the window part reads, so the per-event row carries only that.</li>
 *   <li><b>Compilers</b>: {@code Scope} resolves names once (columns by slot, event fields by
 *       accessor); {@code ExprCompiler}, {@code Functions} and {@code Aggregates} compile
 *       expressions to {@code Ev}s with ES|QL's semantics ({@code EsqlValues}: null propagation,
 *       multi-values, three-valued logic, dates and spans, {@code FieldTypes} for the ECS fields
 *       that are dates or numbers); {@code RowSteps}, {@code Grok}, {@code Dissect} and
 *       {@code LuceneRegex} (RLIKE) compile row-wise commands to {@code Step}s;
 *       {@code MemberPrefilter} lets a {@code GROK} over a rendered member skip a record whose raw
 *       bytes cannot hold its pattern's literal text.</li>
 *   <li><b>Runtime</b>: {@code PerEventPart} (reading threads; one small row per event, never the
 *       event) and {@code WindowPart} with {@code WindowOps} (once per execution of the rule's
 *       schedule, run by the engine's {@code QueryWindows}).</li>
 * </ol>
 *
 * <p>Depends on {@code rules.ir} (predicates, matchers, wildcards, regex limits), {@code rules.load}
 * (syntax errors, limits), {@code event}, RE2/J. Knows nothing of ECS, TOML or the engine.
 *
 * <p>Choices where ES|QL leaves room, each explained where it is made: {@code VALUES} keeps
 * first-seen order; {@code _id} reads {@code event.id}, {@code _index} the data stream name;
 * {@code LIKE} is {@link io.trailhound.core.rules.ir.Wildcard}'s {@code *} / {@code ?}; RLIKE's
 * optional Lucene operators ({@code @ & ~ # <>}) are refused rather than guessed; the predefined
 * GROK patterns are the common ones.
 */
package io.trailhound.core.rules.esql;
