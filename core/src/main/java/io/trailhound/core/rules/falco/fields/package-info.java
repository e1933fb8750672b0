/**
 * The fields a Falco rule on CloudTrail may name: the CloudTrail plugin's ({@code ct.*},
 * {@code s3.*}, {@code ec2.*}, {@code ecr.*}, {@code iam.*}), the json plugin's
 * ({@code json.value[...]}, {@code json.obj}) and {@code evt.*}, each a {@link FieldDef} of a
 * {@link FieldType} in the {@link FieldCatalog}; {@link FieldsTable} lists them for people. A field
 * builds an {@link io.trailhound.core.rules.ir.Accessor} with the plugin's value semantics (a
 * missing key is absent, a present non-string is {@code ""}), reading decoded hot fields where it can.
 *
 * <p>Depends on {@code event}, {@code rules.ir} and Jackson. An accessor reads one field of one
 * event and keeps nothing between events; this package parses no rule, maps no operator and decides
 * no match (the engine evaluates the predicates {@code compile} builds on these accessors).
 */
package io.trailhound.core.rules.falco.fields;
