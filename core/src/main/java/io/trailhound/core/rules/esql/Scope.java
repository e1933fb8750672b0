package io.trailhound.core.rules.esql;

import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Accessors;
import io.trailhound.core.rules.ir.Wildcard;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns a command sees, at compile time: columns the query made (by slot, in column order)
 * and, in the per-event part, the event's fields that {@code KEEP} / {@code DROP} / {@code RENAME}
 * left visible. Names resolve here once; evaluation reads slots and accessors, never names.
 */
final class Scope {
    /** The metadata fields a {@code FROM ... METADATA} may name, as they read over CloudTrail. */
    private static final Map<String, String> METADATA_FIELDS = Map.of("_id", "event.id");

    private final LinkedHashMap<String, Integer> columns = new LinkedHashMap<>();
    private final EsqlEnvironment env;
    private final List<String[]> sourceRules = new ArrayList<>(); // {"keep"|"drop", pattern...} in order
    private List<String> keptSources; // source names or patterns KEEP named, in order; null: no KEEP yet
    private int slots;
    /** Per-event scope: the slot where a row keeps each event field's value once read ({@link #keptInRow}). */
    private final Map<String, Integer> fieldSlots = new java.util.HashMap<>();
    /** A kept field value that is null (an empty slot is a field not read yet). */
    private static final Object NO_VALUE = new Object();

    /** The per-event scope: every event field visible. */
    static Scope ofEvent(EsqlEnvironment env) {
        return new Scope(env);
    }

    /** A window scope over {@code names} in slots 0..n-1. */
    static Scope ofColumns(List<String> names) {
        Scope s = new Scope(null);
        for (String n : names) {
            s.define(n);
        }
        return s;
    }

    private Scope(EsqlEnvironment env) {
        this.env = env;
    }

    /** The width of a row: its columns and the kept event field values. */
    int slots() {
        return slots;
    }

    /** A new slot for {@code name}, which moves to the end of the columns (ES|QL's EVAL order). */
    int define(String name) {
        columns.remove(name);
        int slot = slots++;
        columns.put(name, slot);
        return slot;
    }

    /** Whether {@code name} reads an event field here (not a column the query made, not dropped). */
    boolean isEventField(String name) {
        return !columns.containsKey(name) && env != null && sourceVisible(name);
    }

    /** The accessor of an event field visible here (see {@link #isEventField}). */
    Accessor eventField(String name) {
        String meta = METADATA_FIELDS.get(name);
        return env.field(meta != null ? meta : name);
    }

    /** The member whose rendering {@code name} reads here (an event field, see {@link EsqlEnvironment#renderedMember}), or null. */
    EsqlEnvironment.RenderedMember renderedMember(String name) {
        return isEventField(name) && !METADATA_FIELDS.containsKey(name) ? env.renderedMember(name) : null;
    }

    /** How to read {@code name} in a row. */
    Ev ref(String name, int offset) {
        Integer slot = columns.get(name);
        if (slot != null) {
            int s = slot;
            return f -> f.slots[s];
        }
        if (isEventField(name)) {
            if (name.equals("_index")) {
                return f -> "logs-aws.cloudtrail-default";
            }
            if (name.equals("_version")) {
                return f -> 1L;
            }
            String constant = env.constant(name);
            if (constant != null) {
                eventField(name); // noted as used
                return f -> constant;
            }
            if (Accessors.alwaysAbsent(eventField(name))) {
                return f -> null; // source.as.* without a GeoIP database, data_stream.namespace: nothing to read
            }
            return keptInRow(name, fieldRead(name));
        }
        throw RuleSyntaxException.inQuery("Unknown column [" + name + "]", offset);
    }

    private Ev fieldRead(String name) {
        Accessor a = eventField(name);
        java.util.function.ToLongFunction<io.trailhound.core.event.CloudTrailEvent> millis = env.epochMillis(name);
        if (millis != null) {
            return f -> {
                long m = millis.applyAsLong(f.event);
                return m != Long.MIN_VALUE ? new EsqlValues.Date(m)
                        : FieldTypes.typed(name, EsqlValues.ofField(a.extract(f.event)));
            };
        }
        if (FieldTypes.typed(name)) {
            return f -> FieldTypes.typed(name, EsqlValues.ofField(a.extract(f.event)));
        }
        return f -> EsqlValues.ofField(a.extract(f.event));
    }

    /**
     * {@code read} of event field {@code name}, done once per row: the value is kept in a slot of
     * the row that no column names. A query reads one field many times (the Kubernetes rule's
     * {@code event.action}: its WHERE, three CASEs and its output, on every listing call), and each
     * read went through the ECS accessors again. A field's value is a function of the event.
     */
    private Ev keptInRow(String name, Ev read) {
        int kept = fieldSlots.computeIfAbsent(name, n -> slots++);
        return f -> {
            Object v = f.slots[kept];
            if (v == null) {
                v = read.eval(f);
                f.slots[kept] = v == null ? NO_VALUE : v;
                return v;
            }
            return v == NO_VALUE ? null : v;
        };
    }

    void keep(List<String> patterns, int offset) {
        LinkedHashMap<String, Integer> kept = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>();
        for (String p : patterns) {
            Wildcard w = Wildcard.parse(p, false);
            boolean any = false;
            for (Map.Entry<String, Integer> c : columns.entrySet()) {
                if (w.test(c.getKey())) {
                    kept.remove(c.getKey());
                    kept.put(c.getKey(), c.getValue());
                    any = true;
                }
            }
            if (env != null && (!columns.containsKey(p) || p.contains("*"))) {
                sources.add(p);
                any = true;
            }
            if (!any && !p.contains("*")) {
                throw RuleSyntaxException.inQuery("Unknown column [" + p + "] in KEEP", offset);
            }
        }
        columns.clear();
        columns.putAll(kept);
        if (env != null) {
            sourceRules.add(prepend("keep", sources));
            keptSources = sources; // what an earlier KEEP left out stays invisible (sourceVisible)
        }
    }

    void drop(List<String> patterns) {
        for (String p : patterns) {
            Wildcard w = Wildcard.parse(p, false);
            columns.keySet().removeIf(w::test);
        }
        if (env != null) {
            sourceRules.add(prepend("drop", patterns));
            if (keptSources != null) {
                keptSources = new ArrayList<>(keptSources);
                keptSources.removeIf(k -> matchesAny(patterns, k));
            }
        }
    }

    /** {@code RENAME from AS to}: a column keeps its slot; an event field becomes a column read from it. */
    Step rename(String from, String to, int offset) {
        Integer slot = columns.remove(from);
        if (slot != null) {
            columns.remove(to);
            columns.put(to, slot);
            return null;
        }
        Ev read = ref(from, offset);
        int s = define(to);
        sourceRules.add(new String[] {"drop", from});
        return f -> {
            f.slots[s] = read.eval(f);
            return true;
        };
    }

    /** The visible columns the query made, in order, with their slots. */
    Map<String, Integer> columns() {
        return new LinkedHashMap<>(columns);
    }

    /**
     * The event fields a per-event result shows: those {@code KEEP} named (patterns expanded over
     * the view's names), still visible; none when the query has no {@code KEEP}.
     */
    List<String> keptEventFields() {
        List<String> out = new ArrayList<>();
        if (keptSources == null || env == null) {
            return out;
        }
        for (String k : keptSources) {
            if (k.contains("*")) {
                Wildcard w = Wildcard.parse(k, false);
                for (String n : env.fieldNames()) {
                    if (w.test(n) && isEventField(n) && !out.contains(n)) {
                        out.add(n);
                    }
                }
            } else if (isEventField(k) && !out.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    private boolean sourceVisible(String name) {
        for (String[] rule : sourceRules) {
            boolean match = false;
            for (int i = 1; i < rule.length; i++) {
                match |= Wildcard.parse(rule[i], false).test(name);
            }
            if (rule[0].equals("keep") != match) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesAny(List<String> patterns, String name) {
        for (String p : patterns) {
            if (Wildcard.parse(p, false).test(name)) {
                return true;
            }
        }
        return false;
    }

    private static String[] prepend(String head, List<String> rest) {
        String[] out = new String[rest.size() + 1];
        out[0] = head;
        for (int i = 0; i < rest.size(); i++) {
            out[i + 1] = rest.get(i);
        }
        return out;
    }
}
