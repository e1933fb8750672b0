/**
 * Falco front end, stage 2: the condition language as syntax. {@link ListSubstitution} expands
 * lists by text before parsing, as Falco does; {@link ConditionParser} parses Falco's filter grammar
 * (libsinsp {@code filter/parser.h}) by recursive descent, with a depth limit, into an {@link Ast}
 * whose nodes keep character offsets; {@link ConditionSyntaxException} says where parsing stopped.
 *
 * <p>Depends on nothing outside the JDK. Syntax only: it does not know which fields exist, what a
 * macro means or how an operator matches (that is {@code compile}'s), and never sees an event.
 */
package io.trailhound.core.rules.falco.condition;
