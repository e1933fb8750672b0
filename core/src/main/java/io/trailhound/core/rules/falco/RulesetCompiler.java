package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.load.Position;
import io.trailhound.core.rules.load.Problems;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles what the collector gathered (rule_loader_compiler.cpp): lists substituted into the
 * text, macros parsed once and expanded on the tree, each CloudTrail rule's condition (with its
 * exceptions) and output compiled to the IR. Rules for other sources are skipped with a notice; a
 * rule that fails is reported with its line and column and the others still compile.
 */
final class RulesetCompiler {
    static final String SOURCE = "aws_cloudtrail";

    private final FieldCatalog catalog = FieldCatalog.standard();
    private final Problems problems;
    private final RuleFormat format;
    /** Falco's {@code rule_matching: first} for the rules compiled here. */
    private final boolean firstMatch;
    private final MacroTable macros = new MacroTable();
    /** Each macro's substituted text, to map error offsets back into its definition. */
    private final Map<String, ListSubstitution.Result> macroTexts = new HashMap<>();
    private final Map<String, MacroDef> macroDefinitions = new HashMap<>();
    private final Set<String> usedLists = new LinkedHashSet<>();
    /** Lists that failed (too large), by name with why: a condition using one fails too. */
    private Map<String, String> failedLists = Map.of();

    RulesetCompiler(Problems problems, RuleFormat format, boolean firstMatch) {
        this.problems = problems;
        this.format = format;
        this.firstMatch = firstMatch;
    }

    record Output(List<CompiledRule> rules, List<LoadResult.Skipped> skipped) {
    }

    Output compile(Collected c) {
        ListResolver.Resolved resolved = ListResolver.resolve(c.lists());
        failedLists = resolved.failed();
        failedLists.forEach((name, why) -> problems.error(c.lists().get(name).position(), null, "LOAD_ERR_VALIDATE",
                "list '" + name + "': " + why));
        Map<String, List<String>> lists = resolved.items();
        for (MacroDef m : c.macros().values()) {
            parseMacro(m, lists);
        }
        Map<String, String> extra = new LinkedHashMap<>();
        if (c.engineVersion() != null) {
            extra.put("required_engine_version", c.engineVersion());
        }
        if (!c.pluginVersions().isEmpty()) {
            extra.put("required_plugin_versions", String.join(", ", c.pluginVersions()));
        }
        ConditionCompiler compiler = new ConditionCompiler(new FieldResolver(catalog), macros);
        OutputParser outputs = new OutputParser(catalog);
        List<CompiledRule> rules = new ArrayList<>();
        List<LoadResult.Skipped> skipped = new ArrayList<>();
        for (RuleDef r : c.rules().values()) {
            if (!SOURCE.equals(r.source())) {
                skipped.add(new LoadResult.Skipped(r.position().file(), r.position().line(), r.name(),
                        "source '" + r.source() + "' is not " + SOURCE));
                problems.notice(r.position(), r.name(), "LOAD_UNKNOWN_SOURCE", "unknown source " + r.source()
                        + ", skipping");
                continue;
            }
            CompiledRule compiled = rule(r, lists, compiler, outputs, extra);
            if (compiled != null) {
                rules.add(compiled);
            }
        }
        for (String name : c.macros().keySet()) {
            if (!macros.used(name)) {
                problems.warning(c.macros().get(name).position(), null, "LOAD_UNUSED_MACRO",
                        "macro '" + name + "' is not referred to by any other rule/macro");
            }
        }
        for (String name : c.lists().keySet()) {
            if (!usedLists.contains(name) && !usedInOtherList(name, c)) {
                problems.warning(c.lists().get(name).position(), null, "LOAD_UNUSED_LIST",
                        "list '" + name + "' is not referred to by any other rule/macro/list");
            }
        }
        return new Output(rules, skipped);
    }

    private static boolean usedInOtherList(String name, Collected c) {
        return c.lists().values().stream().anyMatch(l -> l.items().contains(name));
    }

    private void parseMacro(MacroDef m, Map<String, List<String>> lists) {
        macroDefinitions.put(m.name(), m);
        ListSubstitution.Result text;
        try {
            text = substitute(m.condition(), lists);
        } catch (RuleSyntaxException e) {
            problems.error(locate(m.located(), m.position(), e.offset()), null, "LOAD_ERR_COMPILE_CONDITION",
                    "macro '" + m.name() + "': " + e.getMessage());
            return;
        }
        try {
            Ast ast = ConditionParser.parse(text.text());
            macros.add(m.name(), ast);
            macroTexts.put(m.name(), text);
        } catch (RuleSyntaxException e) {
            problems.error(locate(m.located(), m.position(), text.originOf(e.offset())), null,
                    "LOAD_ERR_COMPILE_CONDITION", "macro '" + m.name() + "': " + e.getMessage());
        }
    }

    private CompiledRule rule(RuleDef r, Map<String, List<String>> lists, ConditionCompiler compiler,
                              OutputParser outputs, Map<String, String> extra) {
        if (!RuleInfos.validPriority(r.priority())) {
            problems.error(r.position(), r.name(), "LOAD_ERR_VALIDATE", "invalid priority '" + r.priority() + "'");
            return null;
        }
        String withExceptions = ExceptionConditions.apply(r.condition(), r.exceptions());
        int shift = withExceptions.equals(r.condition()) ? 0 : 1; // the '(' Falco puts before the condition
        ListSubstitution.Result text;
        try {
            text = substitute(withExceptions, lists);
        } catch (RuleSyntaxException e) {
            problems.error(locate(r.located(), r.position(), Math.max(0, e.offset() - shift)), r.name(),
                    "LOAD_ERR_COMPILE_CONDITION", e.getMessage());
            return null;
        }
        Ast ast;
        try {
            ast = ConditionParser.parse(text.text());
        } catch (RuleSyntaxException e) {
            problems.error(ruleLocation(r, text, shift, e.offset()), r.name(), "LOAD_ERR_COMPILE_CONDITION",
                    e.getMessage());
            return null;
        }
        Predicate predicate;
        try {
            predicate = PluginEventFilter.guard(compiler.compileRule(ast));
        } catch (RuleSyntaxException e) {
            Position at = e.within() != null ? macroLocation(e.within(), e.offset())
                    : ruleLocation(r, text, shift, e.offset());
            String message = e.within() != null ? "in macro '" + e.within() + "': " + e.getMessage() : e.getMessage();
            if (r.skipIfUnknownFilter() && e.getMessage().startsWith("unknown field")) {
                problems.warning(at, r.name(), "LOAD_UNKNOWN_FILTER", message + "; rule skipped "
                        + "(skip-if-unknown-filter)");
            } else {
                problems.error(at, r.name(), "LOAD_ERR_COMPILE_CONDITION", message);
            }
            return null;
        }
        FalcoOutput output;
        try {
            output = outputs.parse(r.output());
        } catch (RuleSyntaxException e) {
            problems.error(r.outputAt(), r.name(), "LOAD_ERR_COMPILE_OUTPUT", e.getMessage()
                    + " (at character " + (e.offset() + 1) + " of the output)");
            return null;
        }
        return new CompiledRule(RuleInfos.of(r, format, extra), predicate, null, output, firstMatch);
    }

    /**
     * Lists substituted into a condition's text; a failed list, or a text grown too long, is a
     * {@link RuleSyntaxException} at an offset in the original text.
     */
    private ListSubstitution.Result substitute(String condition, Map<String, List<String>> lists)
            throws RuleSyntaxException {
        Set<String> used = new LinkedHashSet<>();
        ListSubstitution.Result text = ListSubstitution.apply(condition, lists, used);
        usedLists.addAll(used);
        for (String name : used) {
            if (failedLists.containsKey(name)) {
                int at = Math.max(0, condition.indexOf(name));
                throw new RuleSyntaxException("uses list '" + name + "', which failed to load: "
                        + failedLists.get(name), at);
            }
        }
        return text;
    }

    private Position ruleLocation(RuleDef r, ListSubstitution.Result text, int shift, int offset) {
        int raw = Math.max(0, text.originOf(offset) - shift);
        return locate(r.located(), r.position(), raw);
    }

    private Position macroLocation(String macro, int offset) {
        MacroDef m = macroDefinitions.get(macro);
        return locate(m.located(), m.position(), macroTexts.get(macro).originOf(offset));
    }

    private static Position locate(ScalarText located, Position fallback, int offset) {
        return located == null ? fallback : located.at(offset);
    }
}
