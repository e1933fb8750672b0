package io.trailhound.core.identity;

/**
 * A hash of a string's length and its last {@value #TAIL} chars, for the tables that attribution
 * fills once per new credential with its session ARN or role ARN. {@link String#hashCode} of such a
 * fresh string (the decoder builds one per event) is a serial loop over every char, about 100 ns for
 * a 60-char ARN on Java 17: more than the rest of a lookup. ARNs of one account differ in their tails
 * (role and session names), so this spreads them as well; the tables compare the strings on a match.
 */
final class TailHash {
    private static final int TAIL = 12;

    private TailHash() {
    }

    static int of(String s) {
        int n = s.length();
        int h = n;
        for (int i = Math.max(0, n - TAIL); i < n; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h ^ h >>> 16;
    }
}
