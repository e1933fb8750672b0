package io.trailhound.core.rules.ir;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.rules.Hostile;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-pass search for many contained literals: the same answer as testing each literal with
 * {@link Contains} (whose case-insensitive reference is {@code String.regionMatches}), in one scan.
 */
class ContainsAnyTest {
    /** Each literal tested on its own, with the reference comparison: what ContainsAny must equal. */
    private static boolean reference(List<String> literals, boolean ignoreCase, String value) {
        for (String l : literals) {
            if (ignoreCase ? Matchers.containsIgnoreCase(value, l) : value.contains(l)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void overlappingAndNestedLiteralsAreFoundWhereverTheyEnd() {
        List<String> lits = List.of("he", "she", "his", "hers", "ushers-not");
        ContainsAny m = new ContainsAny(lits, false);
        for (String v : List.of("ushers", "xhisx", "sh", "h", "ahishe", "", "ushers-no", "hhhhhhe", "shhe")) {
            assertThat(m.test(v)).as(v).isEqualTo(reference(lits, false, v));
        }
        // a literal found only through a failure link (the suffix "abd" inside "xabcabd")
        List<String> suffix = List.of("abcd", "bd");
        assertThat(new ContainsAny(suffix, false).test("xabcabd")).isTrue();
        assertThat(new ContainsAny(suffix, false).test("xabcab")).isFalse();
    }

    @Test
    void anEmptyLiteralIsInEveryValue() {
        assertThat(new ContainsAny(List.of("zz", ""), false).test("")).isTrue();
        assertThat(new ContainsAny(List.of("zz", ""), true).test("abc")).isTrue();
    }

    @Test
    void randomLiteralsAndValuesAgreeWithTheReferenceInBothCaseModes() {
        Random rnd = new Random(32);
        // a small alphabet with case pairs and non-ASCII letters that fold (İ ı K Σ σ ς ß µ ÿ Ÿ)
        String alphabet = "abAB-\u0130\u0131iIk\u212AK\u03A3\u03C3\u03C2\u00DF\u00B5\u039C\u00FF\u0178";
        for (int round = 0; round < 300; round++) {
            List<String> lits = new ArrayList<>();
            int n = 1 + rnd.nextInt(40);
            for (int i = 0; i < n; i++) {
                lits.add(random(rnd, alphabet, 1 + rnd.nextInt(4)));
            }
            for (boolean ignoreCase : new boolean[] {false, true}) {
                ContainsAny m = new ContainsAny(lits, ignoreCase);
                for (int k = 0; k < 40; k++) {
                    String v = random(rnd, alphabet, rnd.nextInt(30));
                    assertThat(m.test(v)).as("%s in %s, ignoreCase=%s", lits, v, ignoreCase)
                            .isEqualTo(reference(lits, ignoreCase, v));
                }
            }
        }
    }

    @Test
    void foldingIsExactlyRegionMatchesIgnoringCase() {
        // Every Latin-1 character against every BMP character outside the surrogates, in both
        // string encodings Java keeps (Latin-1 and UTF-16).
        for (char a = 0; a < 256; a++) {
            for (int b = 0; b <= Character.MAX_VALUE; b++) {
                if (Character.isSurrogate((char) b)) {
                    continue;
                }
                String sa = String.valueOf(a);
                String sb = String.valueOf((char) b);
                boolean same = ContainsAny.fold(sa).equals(ContainsAny.fold(sb));
                if (same != sa.regionMatches(true, 0, sb, 0, 1) || same != sb.regionMatches(true, 0, sa, 0, 1)) {
                    throw new AssertionError("fold disagrees on U+" + Integer.toHexString(a) + " / U+"
                            + Integer.toHexString(b));
                }
            }
        }
        // Every BMP character against each character its case mappings reach.
        for (int a = 0; a <= Character.MAX_VALUE; a++) {
            char c = (char) a;
            if (Character.isSurrogate(c)) {
                continue;
            }
            for (char b : new char[] {Character.toUpperCase(c), Character.toLowerCase(c), Character.toTitleCase(c),
                    Character.toLowerCase(Character.toUpperCase(c)), Character.toUpperCase(Character.toLowerCase(c))}) {
                String sa = "\u0100" + c; // the extra char keeps the string UTF-16
                String sb = "\u0100" + b;
                boolean same = ContainsAny.fold(sa).equals(ContainsAny.fold(sb));
                assertThat(same).as("U+%04x / U+%04x", a, (int) b).isEqualTo(sa.regionMatches(true, 0, sb, 0, 2));
            }
        }
    }

    @Test
    void anyOfPoolsContainsTestsAndKeepsTheRest() {
        List<Matcher> ms = new ArrayList<>();
        ms.add(Matchers.equalTo("exact", true));
        ms.add(Matchers.contains("alpha", true));
        ms.add(Matchers.contains("beta", true));
        ms.add(Wildcard.parse("*gamma*", true));
        ms.add(Matchers.contains("\uD83D\uDE00", true)); // a surrogate pair: kept apart, compared by code point
        ms.add(Matchers.contains("Delta", false));       // another case mode: kept apart (too few to pool)
        Matcher any = Matchers.anyOf(ms);
        assertThat(any.describe()).contains("contains any/i 3 of");
        for (String v : List.of("EXACT", "xxALPHAxx", "BeTa", "a GAMMA b", "x\uD83D\uDE00", "Delta", "delta", "none")) {
            boolean expected = ms.stream().anyMatch(m -> m.test(v));
            assertThat(any.test(v)).as(v).isEqualTo(expected);
        }
    }

    @Test
    void tenThousandLiteralsOverLargeValuesTakeOnePassEach() {
        List<String> lits = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            lits.add("needle-" + i + "-end");
        }
        String haystack = "QUJD".repeat(225_000); // 900 KB, no needle
        String planted = haystack.substring(0, 450_000) + "NEEDLE-29999-END" + haystack.substring(450_000);
        Matcher any = Hostile.run(() -> Matchers.anyOf(lits.stream().map(l -> Matchers.contains(l, true)).toList()));
        int hits = Hostile.run(() -> {
            int n = 0;
            for (int i = 0; i < 25; i++) {
                n += any.test(i == 24 ? planted : haystack) ? 1 : 0;
            }
            return n;
        });
        assertThat(hits).isEqualTo(1);
    }

    private static String random(Random rnd, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
