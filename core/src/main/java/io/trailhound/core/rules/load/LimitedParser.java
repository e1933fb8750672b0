package io.trailhound.core.rules.load;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * SnakeYAML's event parser (which keeps its own state on the heap, never recursing) with
 * {@link RuleYaml}'s limits checked on each event before the composer sees it, so the composer's
 * recursion never goes deeper than {@link RuleYaml#MAX_DEPTH} and an expansion is stopped at the
 * alias that would make it too large, before anything is built from it.
 */
final class LimitedParser implements Parser {
    /** The expanded size of a node: what an alias to it adds. */
    private record Size(long nodes, long chars, String scalar) {
    }

    /** An open collection: its expanded size so far and, for a mapping, the keys seen. */
    private static final class Frame {
        final Optional<Anchor> anchor;
        final Set<String> keys; // null for a sequence
        boolean atKey = true;
        long nodes = 1;
        long chars;

        Frame(Optional<Anchor> anchor, boolean mapping) {
            this.anchor = anchor;
            this.keys = mapping ? new HashSet<>() : null;
        }
    }

    private final Parser inner;
    private final Deque<Frame> open = new ArrayDeque<>();
    private final Map<Anchor, Size> anchors = new HashMap<>();
    private long nodes;
    private long chars;

    LimitedParser(Parser inner) {
        this.inner = inner;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
        return inner.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
        return inner.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return inner.hasNext();
    }

    @Override
    public Event next() {
        Event e = inner.next();
        switch (e.getEventId()) {
            case DocumentStart -> anchors.clear(); // anchors are per document
            case MappingStart, SequenceStart -> start((NodeEvent) e, e.getEventId() == Event.ID.MappingStart);
            case MappingEnd, SequenceEnd -> end();
            case Scalar -> {
                ScalarEvent s = (ScalarEvent) e;
                Size size = new Size(1, s.getValue().length(), s.getValue());
                s.getAnchor().ifPresent(a -> anchors.put(a, size));
                child(e, size);
            }
            case Alias -> {
                // An unknown alias is SnakeYAML's error to report; it counts as one node here.
                Size size = anchors.getOrDefault(((AliasEvent) e).getAlias(), new Size(1, 0, null));
                child(e, size);
            }
            default -> {
            }
        }
        return e;
    }

    private void start(NodeEvent e, boolean mapping) {
        if (open.size() >= RuleYaml.MAX_DEPTH) {
            throw new YamlLimitException(YamlLimitException.Kind.TOO_DEEP,
                    "collections nested deeper than " + RuleYaml.MAX_DEPTH + " levels", e.getStartMark());
        }
        // The collection's own node is counted now; its content as it comes.
        child(e, new Size(1, 0, null));
        open.push(new Frame(e.getAnchor(), mapping));
    }

    private void end() {
        Frame f = open.pop();
        f.anchor.ifPresent(a -> anchors.put(a, new Size(f.nodes, f.chars, null)));
        Frame parent = open.peek();
        if (parent != null) {
            // The parent already counted this collection's node in child(); add what it held.
            parent.nodes += f.nodes - 1;
            parent.chars += f.chars;
        }
    }

    /** A node (scalar, alias, or the start of a collection) placed in the open collection. */
    private void child(Event e, Size size) {
        nodes += size.nodes();
        chars += size.chars();
        if (nodes > RuleYaml.MAX_EXPANDED_NODES || chars > RuleYaml.MAX_EXPANDED_CHARS) {
            throw new YamlLimitException(YamlLimitException.Kind.TOO_LARGE, "the file holds more than "
                    + (nodes > RuleYaml.MAX_EXPANDED_NODES ? RuleYaml.MAX_EXPANDED_NODES + " nodes"
                    : RuleYaml.MAX_EXPANDED_CHARS + " characters") + " with its aliases expanded", e.getStartMark());
        }
        Frame f = open.peek();
        if (f == null) {
            return;
        }
        f.nodes += size.nodes();
        f.chars += size.chars();
        if (f.keys != null) {
            if (f.atKey && size.scalar() != null && !f.keys.add(size.scalar())) {
                throw new YamlLimitException(YamlLimitException.Kind.DUPLICATE_KEY,
                        "duplicate key '" + size.scalar() + "'", e.getStartMark());
            }
            f.atKey = !f.atKey;
        }
    }
}
