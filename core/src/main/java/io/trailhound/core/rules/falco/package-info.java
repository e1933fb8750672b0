/**
 * Falco rule files on CloudTrail, compiled to the shared rule IR. Split as Falco's engine splits it
 * ({@code userspace/engine/rule_loader_*}), one package per stage:
 * <ul>
 *   <li>{@code load}: {@code RuleFileReader} turns YAML (the shared, bounded
 *       {@code io.trailhound.core.rules.load.RuleYaml} reader) into items with positions; {@code RuleCollector} applies redefinition, {@code append},
 *       {@code override} and exceptions across files in order;</li>
 *   <li>{@code condition}: the filter grammar ({@code ConditionParser}) and Falco's textual list
 *       substitution ({@code ListSubstitution});</li>
 *   <li>{@code compile}: fields resolved ({@code FieldResolver}), operators to matchers
 *       ({@code Operators}), macros expanded on the tree ({@code ConditionCompiler}), outputs
 *       ({@code OutputParser}), rule metadata ({@code RuleInfos});</li>
 *   <li>{@code fields}: every field the CloudTrail and json plugins export, and {@code evt.*}.</li>
 * </ul>
 * {@link io.trailhound.core.rules.falco.FalcoFrontEnd} ties them together.
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
