package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.load.Position;
import io.trailhound.core.rules.load.Problems;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Applies Falco's definition rules to the items of all files, in order (rule_loader_collector.cpp):
 * a redefinition replaces, {@code append: true} and {@code override:} extend or replace per key,
 * and a bare {@code enabled:} toggles an earlier rule. A bad item is reported and skipped; the
 * rest still load.
 */
final class RuleCollector {
    private static final Set<String> LIST_KEYS = Set.of("list", "items", "append", "override");
    private static final Set<String> MACRO_KEYS = Set.of("macro", "condition", "append", "override");
    private static final Set<String> RULE_KEYS = Set.of("rule", "condition", "output", "desc", "priority", "source",
            "enabled", "tags", "exceptions", "capture", "capture_duration", "warn_evttypes",
            "skip-if-unknown-filter", "append", "override");
    private static final Set<String> APPENDABLE = Set.of("condition", "output", "desc", "tags", "exceptions");
    private static final Set<String> REPLACEABLE = Set.of("condition", "output", "desc", "priority", "capture",
            "capture_duration", "tags", "exceptions", "enabled", "warn_evttypes", "skip-if-unknown-filter");
    /** The Falco engine version whose rule language this front end implements: 0.63.0 (falcosecurity/falco, July 2026). */
    private static final long ENGINE_MINOR = 63;
    private static final Pattern LIST_NAME = Pattern.compile("[^()\"'\\s=,]+");
    private static final Pattern MACRO_NAME = Pattern.compile("[a-zA-Z]+[a-zA-Z0-9_]*");

    private final Problems problems;
    private final Map<String, ListDef> lists = new LinkedHashMap<>();
    private final Map<String, MacroDef> macros = new LinkedHashMap<>();
    private final Map<String, RuleState> rules = new LinkedHashMap<>();
    private String engineVersion;
    private long engineMinor = -1;
    private final List<String> pluginVersions = new ArrayList<>();

    public RuleCollector(Problems problems) {
        this.problems = problems;
    }

    /** A rule while files are still being read; becomes a {@link RuleDef} at the end. */
    private static final class RuleState {
        String name;
        ScalarText condition;
        String conditionText;
        String output;
        Position outputAt;
        String desc;
        String priority;
        String source;
        boolean enabled = true;
        List<String> tags = new ArrayList<>();
        List<ExceptionDef> exceptions = new ArrayList<>();
        boolean skipIfUnknownFilter;
        Position position;
    }

    public void add(RawItem item) {
        try {
            switch (item.kind()) {
                case REQUIRED_ENGINE_VERSION -> engineVersion(item.body());
                case REQUIRED_PLUGIN_VERSIONS -> pluginVersions(item.body());
                case LIST -> list(item);
                case MACRO -> macro(item);
                case RULE -> rule(item);
            }
        } catch (RuleSyntaxException e) {
            problems.error(e.position(), item.kind() == RawItem.Kind.RULE ? item.name() : null,
                    "LOAD_ERR_YAML_VALIDATE", e.getMessage());
        }
    }

    public Collected result() {
        Map<String, RuleDef> out = new LinkedHashMap<>();
        for (RuleState r : rules.values()) {
            out.put(r.name, new RuleDef(r.name, r.conditionText, r.condition, r.output, r.outputAt, r.desc, r.priority, r.source,
                    r.enabled, r.tags, r.exceptions, r.skipIfUnknownFilter, r.position));
        }
        return new Collected(lists, macros, out, engineVersion, pluginVersions);
    }

    private void engineVersion(YamlMap body) throws RuleSyntaxException {
        String v = body.string("required_engine_version");
        if (v == null) {
            throw new RuleSyntaxException("required_engine_version has no value", body.position());
        }
        long minor;
        if (v.matches("\\d+")) {
            minor = Long.parseLong(v);
        } else if (v.matches("\\d+\\.\\d+\\.\\d+")) {
            minor = Long.parseLong(v.split("\\.")[1]);
        } else {
            throw new RuleSyntaxException("required_engine_version must be a number or a version x.y.z, not '" + v + "'",
                    body.valuePosition("required_engine_version"));
        }
        if (minor > ENGINE_MINOR) {
            // Falco refuses such a file; we load it and say why a rule may not compile.
            problems.warning(body.valuePosition("required_engine_version"), null, "LOAD_ENGINE_VERSION",
                    "the file requires Falco engine version " + v + "; Trailhound implements the rule language of "
                            + "engine 0." + ENGINE_MINOR + ".0, so newer language features may fail to compile");
        }
        if (minor > engineMinor) {
            engineMinor = minor;
            engineVersion = v;
        }
    }

    private void pluginVersions(YamlMap body) throws RuleSyntaxException {
        List<YamlMap> entries = body.maps("required_plugin_versions");
        if (entries == null) {
            return;
        }
        for (YamlMap p : entries) {
            String name = p.string("name");
            String version = p.string("version");
            if (name == null || version == null) {
                throw new RuleSyntaxException("each required plugin needs a name and a version", p.position());
            }
            pluginVersions.add(name + " " + version);
        }
    }

    private void warnUnknownKeys(YamlMap body, Set<String> known, String rule) {
        for (String k : body.keys()) {
            if (!known.contains(k)) {
                problems.warning(body.keyPosition(k), rule, "LOAD_UNKNOWN_KEY",
                        "unknown key '" + k + "'; the key will be ignored");
            }
        }
    }

    /** How an item extends its earlier definition: per key, "append" or "replace"; empty when it replaces all. */
    private static Map<String, String> mode(YamlMap body, String appendKey) throws RuleSyntaxException {
        Boolean append = body.bool("append");
        Map<String, String> override = body.stringMap("override");
        if (Boolean.TRUE.equals(append) && override != null) {
            throw new RuleSyntaxException("keys 'override' and 'append: true' cannot be used together",
                    body.keyPosition("override"));
        }
        if (override != null) {
            for (Map.Entry<String, String> e : override.entrySet()) {
                if (!"append".equals(e.getValue()) && !"replace".equals(e.getValue())) {
                    throw new RuleSyntaxException("override of '" + e.getKey() + "' must be append or replace",
                            body.valuePosition("override"));
                }
            }
            return override;
        }
        return Boolean.TRUE.equals(append) ? Map.of(appendKey, "append") : Map.of();
    }

    /**
     * The name of a list or macro item, after warning about unknown keys and a name Falco would
     * not accept in a condition ({@code LOAD_INVALID_LIST_NAME} / {@code LOAD_INVALID_MACRO_NAME}).
     */
    private String checkedName(YamlMap b, String kind, Set<String> known, Pattern valid) throws RuleSyntaxException {
        String name = b.string(kind);
        if (name == null) {
            throw new RuleSyntaxException(kind + " has no name", b.position());
        }
        warnUnknownKeys(b, known, null);
        if (!valid.matcher(name).matches()) {
            problems.warning(b.position(), null, "LOAD_INVALID_" + kind.toUpperCase(java.util.Locale.ROOT) + "_NAME",
                    kind + " name '" + name + "' contains invalid characters");
        }
        return name;
    }

    private void list(RawItem item) throws RuleSyntaxException {
        YamlMap b = item.body();
        String name = checkedName(b, "list", LIST_KEYS, LIST_NAME);
        List<String> items = b.strings("items");
        if (items == null) {
            throw new RuleSyntaxException("item has no mapping for key 'items'", b.position());
        }
        Map<String, String> mode = mode(b, "items");
        ListDef prev = lists.get(name);
        if ("append".equals(mode.get("items"))) {
            if (prev == null) {
                throw new RuleSyntaxException("list '" + name + "' is appended to but was never defined", b.position());
            }
            List<String> all = new ArrayList<>(prev.items());
            all.addAll(items);
            lists.put(name, new ListDef(name, all, prev.position()));
            return;
        }
        lists.put(name, new ListDef(name, items, b.position()));
    }

    private void macro(RawItem item) throws RuleSyntaxException {
        YamlMap b = item.body();
        String name = checkedName(b, "macro", MACRO_KEYS, MACRO_NAME);
        ScalarText cond = b.text("condition");
        if (cond == null) {
            throw new RuleSyntaxException("item has no mapping for key 'condition'", b.position());
        }
        Map<String, String> mode = mode(b, "condition");
        MacroDef prev = macros.get(name);
        if ("append".equals(mode.get("condition"))) {
            if (prev == null) {
                throw new RuleSyntaxException("macro '" + name + "' is appended to but was never defined", b.position());
            }
            macros.put(name, new MacroDef(name, prev.condition() + " " + cond.value(), prev.located(),
                    prev.position()));
            return;
        }
        macros.put(name, new MacroDef(name, cond.value(), cond, b.position()));
    }

    private void rule(RawItem item) throws RuleSyntaxException {
        YamlMap b = item.body();
        String name = item.name();
        if (name == null) {
            throw new RuleSyntaxException("rule has no name", b.position());
        }
        warnUnknownKeys(b, RULE_KEYS, name);
        Map<String, String> mode = mode(b, "condition");
        RuleState prev = rules.get(name);
        boolean legacyAppend = Boolean.TRUE.equals(b.bool("append"));
        if (!mode.isEmpty() || legacyAppend) {
            if (prev == null) {
                throw new RuleSyntaxException("rule '" + name + "' is appended to or overridden but was never defined",
                        b.position());
            }
            if (legacyAppend) {
                appendText(prev, b, "condition");
                prev.exceptions = mergeExceptions(prev.exceptions, ExceptionReader.read(b, name, problems), b);
                return;
            }
            override(prev, b, mode);
            return;
        }
        boolean definesBody = b.has("condition") || b.has("output") || b.has("desc") || b.has("priority");
        if (!definesBody && b.has("enabled")) {
            if (prev == null) {
                throw new RuleSyntaxException("rule '" + name + "' is enabled or disabled but was never defined",
                        b.position());
            }
            problems.warning(b.position(), name, "LOAD_DEPRECATED_ITEM", "a rule item with only 'enabled' is "
                    + "deprecated; use 'override: {enabled: replace}'");
            prev.enabled = b.bool("enabled");
            return;
        }
        for (String k : List.of("condition", "output", "desc", "priority")) {
            if (!b.has(k)) {
                throw new RuleSyntaxException("item has no mapping for key '" + k + "'", b.position());
            }
        }
        RuleState r = new RuleState();
        r.name = name;
        r.condition = b.text("condition");
        r.conditionText = r.condition == null ? "" : r.condition.value();
        r.output = nonNull(b.string("output")).trim();
        r.outputAt = b.valuePosition("output");
        r.desc = nonNull(b.string("desc"));
        r.priority = nonNull(b.string("priority"));
        r.source = b.string("source") == null ? "syscall" : b.string("source");
        if (prev != null && b.string("source") != null && !r.source.equals(prev.source)) {
            throw new RuleSyntaxException("rule '" + name + "' is redefined with another source (" + r.source
                    + " instead of " + prev.source + ")", b.valuePosition("source"));
        }
        r.enabled = b.bool("enabled") == null || b.bool("enabled");
        r.tags = b.strings("tags") == null ? new ArrayList<>() : new ArrayList<>(b.strings("tags"));
        r.exceptions = ExceptionReader.read(b, name, problems);
        r.skipIfUnknownFilter = Boolean.TRUE.equals(b.bool("skip-if-unknown-filter"));
        r.position = prev != null ? prev.position : b.position();
        rules.put(name, r);
    }

    private void override(RuleState r, YamlMap b, Map<String, String> mode) throws RuleSyntaxException {
        for (String k : b.keys()) {
            if ((APPENDABLE.contains(k) || REPLACEABLE.contains(k)) && !mode.containsKey(k)) {
                throw new RuleSyntaxException("unexpected key '" + k + "': no corresponding entry under 'override' is "
                        + "defined", b.keyPosition(k));
            }
        }
        for (Map.Entry<String, String> e : mode.entrySet()) {
            String k = e.getKey();
            boolean append = e.getValue().equals("append");
            if (append ? !APPENDABLE.contains(k) : !REPLACEABLE.contains(k)) {
                throw new RuleSyntaxException("key '" + k + "' cannot be " + (append ? "appended" : "replaced"),
                        b.valuePosition("override"));
            }
            if (!b.has(k)) {
                throw new RuleSyntaxException("override of '" + k + "' but the item has no '" + k + "'",
                        b.valuePosition("override"));
            }
            if (append) {
                appendKey(r, b, k);
            } else {
                replaceKey(r, b, k);
            }
        }
    }

    private void appendKey(RuleState r, YamlMap b, String k) throws RuleSyntaxException {
        switch (k) {
            case "condition", "output", "desc" -> appendText(r, b, k);
            case "tags" -> {
                Set<String> t = new LinkedHashSet<>(r.tags);
                t.addAll(nonNullList(b.strings("tags")));
                r.tags = new ArrayList<>(t);
            }
            default -> r.exceptions = mergeExceptions(r.exceptions, ExceptionReader.read(b, r.name, problems), b);
        }
    }

    private void appendText(RuleState r, YamlMap b, String k) throws RuleSyntaxException {
        String add = b.string(k);
        if (add == null) {
            return;
        }
        switch (k) {
            case "condition" -> r.conditionText = r.conditionText + " " + add;
            case "output" -> r.output = (r.output + " " + add).trim();
            default -> r.desc = r.desc + " " + add;
        }
    }

    private void replaceKey(RuleState r, YamlMap b, String k) throws RuleSyntaxException {
        switch (k) {
            case "condition" -> {
                r.condition = b.text("condition");
                r.conditionText = r.condition == null ? "" : r.condition.value();
            }
            case "output" -> {
                r.output = nonNull(b.string("output")).trim();
                r.outputAt = b.valuePosition("output");
            }
            case "desc" -> r.desc = nonNull(b.string("desc"));
            case "priority" -> r.priority = nonNull(b.string("priority"));
            case "tags" -> r.tags = new ArrayList<>(nonNullList(b.strings("tags")));
            case "exceptions" -> r.exceptions = ExceptionReader.read(b, r.name, problems);
            case "enabled" -> r.enabled = !Boolean.FALSE.equals(b.bool("enabled"));
            case "skip-if-unknown-filter" -> r.skipIfUnknownFilter = Boolean.TRUE.equals(
                    b.bool("skip-if-unknown-filter"));
            default -> {
                // capture, capture_duration, warn_evttypes: accepted, nothing to do on CloudTrail.
            }
        }
    }

    /**
     * Appended exceptions: values of an existing exception are added (it may not restate fields or
     * comps); a new name is added whole.
     */
    private static List<ExceptionDef> mergeExceptions(List<ExceptionDef> old, List<ExceptionDef> added, YamlMap b)
            throws RuleSyntaxException {
        List<ExceptionDef> out = new ArrayList<>(old);
        for (ExceptionDef a : added) {
            int i = indexOf(out, a.name());
            if (i < 0) {
                if (a.fields().isEmpty()) {
                    throw new RuleSyntaxException("new exception '" + a.name() + "' needs fields", a.position());
                }
                out.add(a);
                continue;
            }
            ExceptionDef e = out.get(i);
            if (!a.fields().isEmpty() && !a.fields().equals(e.fields())) {
                throw new RuleSyntaxException("appended exception '" + a.name() + "' may only add values, not fields",
                        a.position());
            }
            List<Object> values = new ArrayList<>(e.values());
            values.addAll(a.values());
            out.set(i, new ExceptionDef(e.name(), e.tuple(), e.fields(), e.comps(), values, e.position()));
        }
        return out;
    }

    private static int indexOf(List<ExceptionDef> list, String name) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static List<String> nonNullList(List<String> l) {
        return l == null ? List.of() : l;
    }
}
