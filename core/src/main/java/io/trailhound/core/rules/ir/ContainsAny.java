package io.trailhound.core.rules.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whether a value contains any of many literals, in one pass over the value (Aho-Corasick), instead
 * of one pass per literal: 30,000 {@code base64offset|contains} needles over a 900 KB field is one
 * scan, not 30,000. Gives exactly the answer of {@link Contains} on each literal: ignoring case, two
 * characters are equal when {@link String#regionMatches(boolean, int, String, int, int)} says so,
 * which for characters outside the surrogate range is equality of
 * {@code toLowerCase(toUpperCase(c))} ({@link #fold}); {@link Matchers#anyOf} keeps literals with
 * surrogates out when ignoring case.
 *
 * <p>The automaton is a trie in flat arrays: each state's edges are contiguous and sorted by
 * character (the literals are inserted in sorted order), found by binary search; the root's edges
 * for ASCII are a direct table.
 */
final class ContainsAny implements Matcher {
    /** {@code toLowerCase(toUpperCase(c))} for every char: the case-insensitive class of each. */
    private static final char[] FOLD = new char[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            FOLD[c] = Character.toLowerCase(Character.toUpperCase((char) c));
        }
    }

    private final boolean ignoreCase;
    private final boolean matchesAll;     // an empty literal is contained in every value
    private final int[] edgeStart;        // state -> first edge; edges of s are edgeStart[s] .. edgeStart[s+1]-1
    private final char[] edgeChar;
    private final int[] edgeTarget;
    private final int[] fail;
    private final boolean[] accept;       // a literal ends here or at a state of its failure chain
    private final int[] rootAscii = new int[128];
    private final String description;

    /** @param literals the literals, none with a surrogate when {@code ignoreCase} */
    ContainsAny(List<String> literals, boolean ignoreCase) {
        this.ignoreCase = ignoreCase;
        this.description = "contains any" + (ignoreCase ? "/i " : " ") + literals.size() + " of "
                + preview(literals);
        String[] keys = new String[literals.size()];
        boolean empty = false;
        for (int i = 0; i < keys.length; i++) {
            keys[i] = ignoreCase ? fold(literals.get(i)) : literals.get(i);
            empty |= keys[i].isEmpty();
        }
        this.matchesAll = empty;
        Arrays.sort(keys);
        Trie t = new Trie(keys);
        int states = t.size;
        edgeStart = new int[states + 1];
        edgeChar = new char[states - 1];
        edgeTarget = new int[states - 1];
        int e = 0;
        for (int s = 0; s < states; s++) {
            edgeStart[s] = e;
            for (int c = t.firstChild[s]; c >= 0; c = t.nextSibling[c]) {
                edgeChar[e] = t.label[c];
                edgeTarget[e++] = c;
            }
        }
        edgeStart[states] = e;
        Arrays.fill(rootAscii, -1);
        for (int i = edgeStart[0]; i < edgeStart[1]; i++) {
            if (edgeChar[i] < 128) {
                rootAscii[edgeChar[i]] = edgeTarget[i];
            }
        }
        fail = new int[states];
        accept = t.terminal;
        links(t);
    }

    /** Failure links, breadth first: the longest proper suffix of each state's text that is a state too. */
    private void links(Trie t) {
        int[] queue = new int[t.size];
        int head = 0;
        int tail = 0;
        for (int i = edgeStart[0]; i < edgeStart[1]; i++) {
            queue[tail++] = edgeTarget[i]; // depth 1: fail to the root
        }
        while (head < tail) {
            int s = queue[head++];
            for (int i = edgeStart[s]; i < edgeStart[s + 1]; i++) {
                int child = edgeTarget[i];
                char c = edgeChar[i];
                int f = fail[s];
                int next;
                while ((next = step(f, c)) < 0 && f != 0) {
                    f = fail[f];
                }
                fail[child] = next < 0 ? 0 : next;
                accept[child] |= accept[fail[child]];
                queue[tail++] = child;
            }
        }
    }

    @Override
    public boolean test(String value) {
        if (matchesAll) {
            return true;
        }
        int s = 0;
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = ignoreCase ? FOLD[value.charAt(i)] : value.charAt(i);
            int next;
            while ((next = step(s, c)) < 0 && s != 0) {
                s = fail[s];
            }
            s = next < 0 ? 0 : next;
            if (accept[s]) {
                return true;
            }
        }
        return false;
    }

    /** The state after {@code c} from {@code s}, or -1 when {@code s} has no such edge. */
    private int step(int s, char c) {
        if (s == 0 && c < 128) {
            return rootAscii[c];
        }
        int lo = edgeStart[s];
        int hi = edgeStart[s + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = edgeChar[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return edgeTarget[mid];
            }
        }
        return -1;
    }

    static String fold(String s) {
        char[] out = new char[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = FOLD[s.charAt(i)];
        }
        return new String(out);
    }

    static boolean hasSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String preview(List<String> literals) {
        List<String> first = new ArrayList<>();
        for (int i = 0; i < Math.min(3, literals.size()); i++) {
            first.add('"' + literals.get(i) + '"');
        }
        return first + (literals.size() > 3 ? "..." : "");
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }

    /** The trie of sorted keys as linked children; a new key shares its prefix with the one before. */
    private static final class Trie {
        char[] label = new char[16];
        int[] firstChild = new int[16];
        int[] lastChild = new int[16];
        int[] nextSibling = new int[16];
        boolean[] terminal = new boolean[16];
        int size;

        Trie(String[] sortedKeys) {
            add((char) 0);
            for (String k : sortedKeys) {
                int s = 0;
                for (int i = 0; i < k.length(); i++) {
                    char c = k.charAt(i);
                    // Keys are sorted, so a state's matching child, if any, is the last one added.
                    int last = lastChild[s];
                    if (last >= 0 && label[last] == c) {
                        s = last;
                    } else {
                        int n = add(c);
                        if (last < 0) {
                            firstChild[s] = n;
                        } else {
                            nextSibling[last] = n;
                        }
                        lastChild[s] = n;
                        s = n;
                    }
                }
                terminal[s] = true;
            }
            terminal = Arrays.copyOf(terminal, size);
        }

        private int add(char c) {
            if (size == label.length) {
                int n = size * 2;
                label = Arrays.copyOf(label, n);
                firstChild = Arrays.copyOf(firstChild, n);
                lastChild = Arrays.copyOf(lastChild, n);
                nextSibling = Arrays.copyOf(nextSibling, n);
                terminal = Arrays.copyOf(terminal, n);
            }
            label[size] = c;
            firstChild[size] = -1;
            lastChild[size] = -1;
            nextSibling[size] = -1;
            return size++;
        }
    }
}
