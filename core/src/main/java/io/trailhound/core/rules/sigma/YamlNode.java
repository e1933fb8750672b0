package io.trailhound.core.rules.sigma;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Sigma YAML document as plain values that remember their line: what the compiler reads. Kept
 * apart from SnakeYAML's node classes so rule collections can merge documents and tests can build
 * them without a parser.
 */
sealed interface YamlNode {
    /** 1-based line where the node starts, 0 when unknown. */
    int line();

    /** A mapping in document order; {@code keyLines} holds the line of each key. */
    record MapNode(Map<String, YamlNode> entries, Map<String, Integer> keyLines, int line) implements YamlNode {
        public MapNode {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyLines = Map.copyOf(keyLines);
        }

        YamlNode get(String key) {
            return entries.get(key);
        }

        int lineOf(String key) {
            return keyLines.getOrDefault(key, line);
        }
    }

    record ListNode(List<YamlNode> items, int line) implements YamlNode {
        public ListNode {
            items = List.copyOf(items);
        }
    }

    /**
     * A scalar: its text and what YAML made of it. A quoted {@code 'false'} is {@link Kind#STRING}, a
     * plain {@code false} {@link Kind#BOOLEAN}; Sigma compares both by their text, but {@code null}
     * (plain {@code null}, {@code ~} or nothing) means "missing or null".
     */
    record Scalar(String text, Kind kind, int line) implements YamlNode {
        enum Kind { STRING, NUMBER, BOOLEAN, NULL }

        boolean isNull() {
            return kind == Kind.NULL;
        }
    }
}
