package io.trailhound.core.rules.engine;

import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.OutputTemplate;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.SharedAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hash-consing of the rules' conditions: tests equal by structure (same fields by
 * {@link Accessor#shareKey}, same value tests by {@link io.trailhound.core.rules.ir.Matcher#shareKey},
 * same shape) become one node, and a node that more than one place reads (the same condition in two
 * rules, {@code event.outcome == "success"} in twenty) is wrapped in {@link Predicate.Shared} so the
 * {@link io.trailhound.core.rules.ir.EventMemo} answers it once per event; a dear field (one that parses the record) that more
 * than one test reads becomes a {@link SharedAccessor}, read once per event. Tests that cost no more
 * than a memo lookup (a held field against a literal) are left as they are. A dear field the rules'
 * outputs show counts as read there too ({@link OutputTemplate#sharing}): two rules that alert on one
 * event with the same field in their messages read it once. Order inside
 * {@code and}/{@code or} is kept, so a rule evaluates its tests in the same order as before; only
 * repeats are answered from the memo. Predicates have no side effects, so the answers are the same.
 */
final class SharedTests {
    /** What a canonical node is: its id, how many places read it, its children's ids. */
    private static final class Node {
        final int id;
        final Predicate original;
        final int[] children;
        int uses;
        Predicate shared;

        Node(int id, Predicate original, int[] children) {
            this.id = id;
            this.original = original;
            this.children = children;
        }
    }

    private final Map<Object, Node> byKey = new HashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    /** Per dear field's key: the distinct leaf nodes that read it, and the outputs' reads of it. */
    private final Map<Object, Integer> fieldReaders = new HashMap<>();
    /** Per dear field's key read from more than one place: its memo slot. */
    private final Map<Object, Integer> fieldSlots = new HashMap<>();
    /** The shared accessor of each field read from more than one place, by the field (one per instance). */
    private final Map<Accessor, SharedAccessor> sharedFields = new java.util.IdentityHashMap<>();
    private int tests;

    /**
     * Interns every condition and counts the fields the outputs read, then gives each condition and
     * output back with its shared parts marked ({@code outputs.get(i)} is the output of the rule of
     * {@code conditions.get(i)}).
     */
    static Result share(List<Predicate> conditions, List<OutputTemplate> outputs) {
        SharedTests s = new SharedTests();
        int[] roots = new int[conditions.size()];
        for (int i = 0; i < roots.length; i++) {
            roots[i] = s.intern(conditions.get(i)).id;
            s.nodes.get(roots[i]).uses++;
        }
        for (OutputTemplate o : outputs) {
            o.sharing(f -> {
                s.counted(f);
                return f;
            });
        }
        List<Predicate> out = new ArrayList<>(roots.length);
        for (int r : roots) {
            out.add(s.rebuild(s.nodes.get(r)));
        }
        List<OutputTemplate> shown = new ArrayList<>(outputs.size());
        for (OutputTemplate o : outputs) {
            shown.add(o.sharing(s::field));
        }
        return new Result(out, shown, s.tests, s.fieldSlots.size());
    }

    /** The conditions and outputs with their shared parts, and how many memo slots of each kind they use. */
    record Result(List<Predicate> conditions, List<OutputTemplate> outputs, int tests, int values) {
    }

    private Node intern(Predicate p) {
        Object key;
        int[] kids = new int[0];
        if (p instanceof Predicate.And a) {
            kids = ids(a.children());
            key = childKey("and", kids);
        } else if (p instanceof Predicate.Or o) {
            kids = ids(o.children());
            key = childKey("or", kids);
        } else if (p instanceof Predicate.Not n) {
            kids = new int[] {intern(n.child()).id};
            key = childKey("not", kids);
        } else if (p instanceof Predicate.Match m) {
            key = List.of("match", m.field().shareKey(), m.matcher().shareKey(), m.quantifier());
        } else if (p instanceof Predicate.Exists x) {
            key = List.of("exists", x.field().shareKey());
        } else if (p instanceof Predicate.FieldCompare f) {
            key = List.of("compare", f.left().shareKey(), f.right().shareKey(), f.relation());
        } else if (p instanceof Predicate.Shared s) {
            return intern(s.inner());
        } else {
            key = p; // Const
        }
        Node n = byKey.get(key);
        if (n != null) {
            return n;
        }
        n = new Node(nodes.size(), p, kids);
        nodes.add(n);
        byKey.put(key, n);
        for (int k : kids) {
            nodes.get(k).uses++;
        }
        for (Accessor f : fields(p)) {
            counted(f);
        }
        return n;
    }

    /** Counts one more place that reads {@code f}, when it is dear. */
    private void counted(Accessor f) {
        if (f.cost() >= 2) {
            fieldReaders.merge(f.shareKey(), 1, Integer::sum);
        }
    }

    private int[] ids(List<Predicate> children) {
        int[] out = new int[children.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = intern(children.get(i)).id;
        }
        return out;
    }

    private static List<Object> childKey(String kind, int[] kids) {
        List<Object> k = new ArrayList<>(kids.length + 1);
        k.add(kind);
        for (int id : kids) {
            k.add(id);
        }
        return k;
    }

    private static List<Accessor> fields(Predicate p) {
        if (p instanceof Predicate.Match m) {
            return List.of(m.field());
        }
        if (p instanceof Predicate.Exists x) {
            return List.of(x.field());
        }
        if (p instanceof Predicate.FieldCompare f) {
            return List.of(f.left(), f.right());
        }
        return List.of();
    }

    /** The node as evaluated: children rebuilt, dear shared fields marked, wrapped when read from more than one place. */
    private Predicate rebuild(Node n) {
        if (n.shared != null) {
            return n.shared;
        }
        Predicate p = n.original;
        if (p instanceof Predicate.And) {
            p = new Predicate.And(rebuilt(n.children));
        } else if (p instanceof Predicate.Or) {
            p = new Predicate.Or(rebuilt(n.children));
        } else if (p instanceof Predicate.Not) {
            p = new Predicate.Not(rebuild(nodes.get(n.children[0])));
        } else if (p instanceof Predicate.Match m) {
            p = new Predicate.Match(field(m.field()), m.matcher(), m.quantifier());
        } else if (p instanceof Predicate.Exists x) {
            p = new Predicate.Exists(field(x.field()));
        } else if (p instanceof Predicate.FieldCompare f) {
            p = new Predicate.FieldCompare(field(f.left()), field(f.right()), f.relation());
        }
        if (n.uses >= 2 && !cheap(p)) {
            p = new Predicate.Shared(tests++, p);
        }
        n.shared = p;
        return p;
    }

    private List<Predicate> rebuilt(int[] ids) {
        List<Predicate> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(rebuild(nodes.get(id)));
        }
        return out;
    }

    /**
     * The field, as a {@link SharedAccessor} when it is dear and more than one place reads it: one
     * memo slot per key, each accessor keeping its own name (an output shows it).
     */
    private Accessor field(Accessor f) {
        Integer readers = f.cost() >= 2 ? fieldReaders.get(f.shareKey()) : null;
        if (readers == null || readers < 2) {
            return f;
        }
        return sharedFields.computeIfAbsent(f, k -> new SharedAccessor(
                fieldSlots.computeIfAbsent(f.shareKey(), key -> fieldSlots.size()), f));
    }

    /**
     * A test no dearer than a memo lookup: a constant, a negation (its child is shared instead), or
     * a field the decoder holds against a literal.
     */
    private static boolean cheap(Predicate p) {
        if (p instanceof Predicate.Const || p instanceof Predicate.Not) {
            return true;
        }
        if (p instanceof Predicate.Exists x) {
            return x.field().cost() == 0;
        }
        return p instanceof Predicate.Match m && m.field().cost() == 0 && m.matcher() instanceof Predicates.Literal;
    }
}
