package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.load.Problems;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a rule's {@code exceptions} and checks their shape as Falco does: with a list of fields,
 * {@code comps} defaults to {@code =} for each and every value is a tuple of matching length; with
 * one field, {@code comps} defaults to {@code in} and must be a list operator.
 */
final class ExceptionReader {
    private static final Set<String> LIST_COMPS = Set.of("in", "pmatch", "intersects");

    private ExceptionReader() {
    }

    static List<ExceptionDef> read(YamlMap rule, String ruleName, Problems problems) throws RuleSyntaxException {
        List<YamlMap> items = rule.maps("exceptions");
        List<ExceptionDef> out = new ArrayList<>();
        if (items == null) {
            return out;
        }
        Set<String> names = new HashSet<>();
        for (YamlMap ex : items) {
            String name = ex.string("name");
            if (name == null) {
                throw new RuleSyntaxException("exception has no 'name'", ex.position());
            }
            for (String k : ex.keys()) {
                if (!Set.of("name", "fields", "comps", "values").contains(k)) {
                    problems.warning(ex.keyPosition(k), ruleName, "LOAD_UNKNOWN_KEY",
                            "unknown key '" + k + "' in exception '" + name + "'; the key will be ignored");
                }
            }
            if (!names.add(name)) {
                problems.warning(ex.position(), ruleName, "LOAD_EXCEPTION_NAME_NOT_UNIQUE",
                        "multiple definitions of exception '" + name + "' in the same rule");
            }
            out.add(one(ex, name));
        }
        return out;
    }

    /** One exception; {@code fields} may be absent only when appending values to an existing exception. */
    static ExceptionDef one(YamlMap ex, String name) throws RuleSyntaxException {
        Node fieldsNode = ex.node("fields");
        boolean tuple = fieldsNode instanceof SequenceNode;
        List<String> fields = fieldsNode == null ? List.of() : tuple ? ex.strings("fields") : List.of(ex.string("fields"));
        Node compsNode = ex.node("comps");
        List<String> comps;
        if (compsNode == null) {
            comps = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                comps.add(tuple ? "=" : "in");
            }
        } else {
            comps = compsNode instanceof SequenceNode ? ex.strings("comps") : List.of(ex.string("comps"));
        }
        if (fieldsNode != null && comps.size() != fields.size()) {
            throw new RuleSyntaxException("exception '" + name + "': fields and comps have different lengths",
                    ex.valuePosition("comps"));
        }
        if (fieldsNode != null && !tuple && !LIST_COMPS.contains(comps.get(0))) {
            throw new RuleSyntaxException("exception '" + name + "': with a single field, comps must be in, pmatch or"
                    + " intersects, not '" + comps.get(0) + "'", ex.valuePosition("comps"));
        }
        List<Object> values = new ArrayList<>();
        Node valuesNode = ex.node("values");
        if (valuesNode instanceof SequenceNode seq) {
            for (Node v : seq.getValue()) {
                values.add(value(v, ex, tuple, fields.size(), name));
            }
        } else if (valuesNode != null && !YamlMap.isNull(valuesNode)) {
            throw new RuleSyntaxException("exception '" + name + "': values must be a list", ex.valuePosition("values"));
        }
        return new ExceptionDef(name, tuple, fields, comps, values, ex.position());
    }

    private static Object value(Node v, YamlMap ex, boolean tuple, int width, String name) throws RuleSyntaxException {
        // Without fields (values appended to an existing exception) the shape is checked on merge.
        if (!tuple || width == 0) {
            return scalarOrList(v, ex);
        }
        if (!(v instanceof SequenceNode seq) || seq.getValue().size() != width) {
            throw new RuleSyntaxException("exception '" + name + "': each value must be a list of " + width
                    + " items, one per field", YamlMap.positionOf(ex.source(), v));
        }
        List<Object> tupleValues = new ArrayList<>();
        for (Node el : seq.getValue()) {
            tupleValues.add(scalarOrList(el, ex));
        }
        return tupleValues;
    }

    private static Object scalarOrList(Node v, YamlMap ex) throws RuleSyntaxException {
        if (v instanceof ScalarNode s) {
            return s.getValue();
        }
        if (v instanceof SequenceNode seq) {
            List<String> out = new ArrayList<>();
            for (Node el : seq.getValue()) {
                if (!(el instanceof ScalarNode s)) {
                    throw new RuleSyntaxException("exception values nest one list deep at most",
                            YamlMap.positionOf(ex.source(), el));
                }
                out.add(s.getValue());
            }
            return out;
        }
        throw new RuleSyntaxException("exception values must be strings or lists", YamlMap.positionOf(ex.source(), v));
    }
}
