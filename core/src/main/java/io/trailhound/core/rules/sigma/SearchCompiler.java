package io.trailhound.core.rules.sigma;

import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles one named search identifier: a map is the AND of its field entries, a list of maps the
 * OR of those ANDs, a plain value or a list of plain values a keyword search (any of them, found
 * in any value of the record).
 */
final class SearchCompiler {
    private final FieldSearchCompiler fields;

    SearchCompiler(FieldSearchCompiler fields) {
        this.fields = fields;
    }

    Predicate compile(String name, YamlNode search) {
        if (search instanceof YamlNode.MapNode m) {
            return map(m);
        }
        if (search instanceof YamlNode.ListNode l) {
            boolean maps = l.items().stream().allMatch(n -> n instanceof YamlNode.MapNode);
            boolean plain = l.items().stream().allMatch(n -> n instanceof YamlNode.Scalar);
            if (maps && !l.items().isEmpty()) {
                List<Predicate> any = new ArrayList<>();
                for (YamlNode n : l.items()) {
                    any.add(map((YamlNode.MapNode) n));
                }
                return Predicates.or(any);
            }
            if (plain && !l.items().isEmpty()) {
                return fields.compile("", l, l.line());
            }
            throw RuleSyntaxException.atLine(l.line(), "SIGMA_BAD_SEARCH", "search '" + name
                    + "' must be a map, a list of maps or a list of keywords, not a mix or an empty list");
        }
        return fields.compile("", search, search.line());
    }

    private Predicate map(YamlNode.MapNode m) {
        if (m.entries().isEmpty()) {
            throw RuleSyntaxException.atLine(m.line(), "SIGMA_BAD_SEARCH", "empty map in a search");
        }
        // Fields the decoder holds are tested first: AND has no side effects, and most events fail
        // on eventName or eventSource before any rule needs the record's parsed tree.
        List<Predicate> hot = new ArrayList<>();
        List<Predicate> tree = new ArrayList<>();
        for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
            Predicate p = fields.compile(e.getKey(), e.getValue(), m.lineOf(e.getKey()));
            String field = e.getKey().split("\\|", 2)[0].trim();
            (!field.isEmpty() && SigmaFieldAccessors.isDecoded(field) ? hot : tree).add(p);
        }
        hot.addAll(tree);
        return Predicates.and(hot);
    }
}
