/**
 * Falco front end, stage 3 (Falco's {@code rule_loader_compiler}): collected definitions to IR.
 * {@link ListResolver} inlines lists named in lists; {@link MacroTable} keeps parsed macros with
 * Falco's visibility; {@link ConditionCompiler} expands macros on the tree and compiles a condition
 * to an {@link io.trailhound.core.rules.ir.Predicate}, fields through {@link FieldResolver} (a
 * {@link TypedField}, transformers included) and operators to matchers ({@code Operators});
 * {@link OutputParser} and {@link FalcoOutput} compile a rule's {@code output}; {@link RuleInfos}
 * builds its {@link io.trailhound.core.rules.ir.RuleInfo}; {@link PluginEventFilter} guards every
 * rule against the records the plugin drops. {@link CompileException} carries an error's offset.
 *
 * <p>Depends on {@code condition}, {@code fields}, {@code load} (definition records),
 * {@code rules.ir}, {@code event} (accessors and output rendering read it) and RE2/J (globs,
 * regexes). It builds predicates and never evaluates them: matching events is the engine's.
 */
package io.trailhound.core.rules.falco.compile;
