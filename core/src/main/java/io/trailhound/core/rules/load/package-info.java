/**
 * What every rule front end shares when it reads a file: the hardened YAML reader
 * ({@link io.trailhound.core.rules.load.RuleYaml}) and the bounds on nesting and expansion
 * ({@link io.trailhound.core.rules.load.RuleLimits}, {@link io.trailhound.core.rules.load.TermBudget})
 * that make a hostile rule file fail with a positioned error instead of overflowing the stack,
 * exhausting memory or never finishing.
 */
package io.trailhound.core.rules.load;
