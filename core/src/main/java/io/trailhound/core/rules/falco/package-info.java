/**
 * Falco rule files on CloudTrail, compiled to the shared rule IR. One package, split by stage as
 * Falco's engine splits it ({@code userspace/engine/rule_loader_*}); the stages are package-private
 * classes whose names say which stage they belong to, and {@link FalcoFrontEnd} ties them together:
 * <ol>
 *   <li><b>Reader</b> ({@code rule_loader_reader}): {@code RuleFileReader} turns a rules file into
 *       {@code RawItem}s through the shared, bounded {@code io.trailhound.core.rules.load.RuleYaml}
 *       reader (SnakeYAML Engine composes nodes only: a file cannot instantiate anything); each item
 *       is a {@code YamlMap} that keeps the {@code Position} of every key and value
 *       ({@code SourceText} turns offsets into lines and columns, {@code ScalarText} maps offsets
 *       inside a scalar back to the file).</li>
 *   <li><b>Collector</b> ({@code rule_loader_collector}): {@code RuleCollector} applies redefinition,
 *       {@code append}, {@code override} and {@code enabled} across files in order, giving the
 *       {@code Collected} {@code ListDef}s, {@code MacroDef}s and {@code RuleDef}s;
 *       {@code ExceptionReader} and {@code ExceptionConditions} write a rule's exceptions into its
 *       condition text. Conditions stay text here.</li>
 *   <li><b>Condition syntax</b>: {@code ListSubstitution} expands lists by text before parsing, as
 *       Falco does; {@code ConditionParser} parses Falco's filter grammar (libsinsp
 *       {@code filter/parser.h}) by recursive descent, with a depth limit, into an {@code Ast} whose
 *       nodes keep character offsets. Syntax only: no field, macro or operator is known here.</li>
 *   <li><b>Compiler</b> ({@code rule_loader_compiler}): {@code RulesetCompiler} drives it;
 *       {@code ListResolver} inlines lists named in lists; {@code MacroTable} keeps parsed macros
 *       with Falco's visibility; {@code ConditionCompiler} expands macros on the tree and compiles a
 *       condition to an {@link io.trailhound.core.rules.ir.Predicate}, fields through
 *       {@code FieldResolver} (a {@code TypedField}, transformers included) and operators to
 *       matchers ({@code Operators}, {@code Globs}, {@code PathPrefix}, {@code Relations});
 *       {@code OutputParser} and {@code FalcoOutput} compile a rule's {@code output};
 *       {@code RuleInfos} builds its {@link io.trailhound.core.rules.ir.RuleInfo};
 *       {@code PluginEventFilter} guards every rule against the records the plugin drops. It builds
 *       predicates and never evaluates them: matching events is the engine's.</li>
 *   <li><b>Fields</b>: every field a rule may name, each a {@code FieldDef} of a {@code FieldType}
 *       in the {@code FieldCatalog}: the CloudTrail plugin's ({@code CloudTrailFields}:
 *       {@code ct.*}, {@code s3.*}, {@code ec2.*}, {@code ecr.*}, {@code iam.*}), the json plugin's
 *       ({@code JsonFields}: {@code json.value[...]}, {@code json.obj}) and {@code evt.*}
 *       ({@code EventFields}). A field's accessor comes from the shared kit
 *       ({@link io.trailhound.core.rules.ir.Accessors}: {@code ct.name} is the shared
 *       {@code eventName} renamed, at its cost and with its canonical name), with the plugin's value
 *       semantics ({@code PluginJson}: a missing key is absent, a present non-string is
 *       {@code ""}), and keeps nothing between events. {@link FieldsTable} lists the fields for people
 *       ({@code trailhound rules fields}): the one type here besides the front end that other
 *       packages use.</li>
 * </ol>
 *
 * <p>Every stage throws the shared {@code RuleSyntaxException} with a {@code Position} in the file
 * or an offset in a condition or output (which {@code RulesetCompiler} maps back into the file,
 * through list substitution and into the macro at fault), and problems go to the shared
 * {@code Problems} with Falco's codes ({@code LOAD_ERR_YAML_VALIDATE}, ...).
 *
 * <p>Depends on {@code rules} (the front-end contract and load results), {@code rules.load} (the
 * shared load toolkit: YAML reader, limits, positions, errors, problems), {@code rules.ir}, {@code
 * event} (accessors and output rendering read it), SnakeYAML Engine, Jackson and RE2/J (globs,
 * regexes).
 *
 * <p>Where we knowingly differ from Falco (engine version 0.63.0) and its cloudtrail plugin 0.17.1:
 * <ul>
 *   <li>{@code evt.num} is the record's 1-based line in its input, not a global counter (inputs
 *       are read in parallel); {@code evt.time*} render in UTC, not the local zone.</li>
 *   <li>A JSON {@code null} in a field the decoder holds (errorCode, ...) is absent; the plugin
 *       would give {@code ""} (so {@code "errorCode": null} counted as an error there).</li>
 *   <li>{@code ct.request.documentname} reads {@code requestParameters.documentName} (always absent
 *       in the plugin, a typo); {@code ct.sessioncredentialfromconsole}, {@code ct.readonly} and
 *       {@code ct.managementevent} read the string {@code "true"} as true.</li>
 *   <li>{@code json.obj} is indented by Jackson (two spaces, {@code "key": value}); it may differ
 *       from Go's {@code json.Indent} in the spacing of empty objects.</li>
 *   <li>Not provided: {@code evt.reltime*}, {@code evt.hostname}, {@code evt.is_async},
 *       {@code evt.asynctype} (about the capture, not the event), and the newest transformers
 *       {@code join()}, {@code concat()}, {@code getopt()}; {@code bcontains} /
 *       {@code bstartswith} are compile errors, as in Falco, since no CloudTrail field is a
 *       byte buffer.</li>
 *   <li>A bad rule does not stop the file: it is reported and the others load.</li>
 * </ul>
 */
package io.trailhound.core.rules.falco;
