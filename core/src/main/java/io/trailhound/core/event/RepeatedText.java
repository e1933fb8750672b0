package io.trailhound.core.event;

/**
 * One String per distinct text, for the fields whose values repeat from record to record (event
 * sources and names, regions, accounts, identity types, role ARNs, user agents): read from the
 * parser's characters, without building a String when the value was met lately. Every event then
 * shares the same instances, so statistics, the rule index and attribution find them equal by
 * reference and hash each once, and decoding allocates less. Direct-mapped and fixed in size, so
 * memory is bounded and a miss costs one slot; one per decoder (a decoder serves one thread).
 */
final class RepeatedText {
    private static final int SLOTS = 1 << 11;
    /** Longer values are built as they come (user agents fit). */
    static final int MAX_LENGTH = 256;

    private final String[] texts = new String[SLOTS];
    private final int[] hashes = new int[SLOTS];

    /** The text of {@code len} chars of {@code c} from {@code off}: the instance met before when it is still held. */
    String of(char[] c, int off, int len) {
        if (len > MAX_LENGTH) {
            return new String(c, off, len);
        }
        int h = 0;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + c[i];
        }
        int slot = (h ^ (h >>> 11) ^ (h >>> 22)) & (SLOTS - 1);
        String s = texts[slot];
        if (s != null && hashes[slot] == h && s.length() == len && same(s, c, off)) {
            return s;
        }
        s = new String(c, off, len);
        texts[slot] = s;
        hashes[slot] = h;
        return s;
    }

    private static boolean same(String s, char[] c, int off) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) != c[off + i]) {
                return false;
            }
        }
        return true;
    }
}
