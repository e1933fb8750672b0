package io.trailhound.core.rules.engine;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Predicate;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks on a record's bytes put before tests that read a field from one member of it and need a
 * text in the value (a regular expression's literals, a {@code contains}): when the member's bytes
 * cannot spell the text, the test fails without the member being parsed. The built-in rule "Policy
 * Grants Full Admin" reads {@code policyDocument} from PutRolePolicy's parameters for three
 * patterns, one of which needs {@code "*}: a policy without it parses nothing. Each check answers
 * exactly as its test would on a "no" (a {@link Predicate.Match} is false when no value contains
 * the text), so adding it changes no rule's result.
 *
 * <p>Which texts can be checked in the bytes: a value is a JSON string's text or the compact JSON
 * of a value, and the record has no backslash-u ({@link CloudTrailEvent#searchableSpan}). A part of
 * the text made of printable ASCII other than {@code \ / { } [ ] : ,} lies, in the value, inside
 * one token (compact JSON puts one of those between tokens), and the member's bytes spell it the
 * same way, except that a quote inside a string is escaped ({@code \"}) and a number may have been
 * written otherwise ({@code 1e2} is shown as {@code 100.0}, {@code 1e400} as {@code Infinity}): so
 * each such part is looked for with or without a backslash before each quote after its first
 * character (one search for its longest run without quotes, then a look at the bytes around each
 * place found), and parts that could be a number alone are not checked. A field that renders the
 * member with separators of its own (ECS {@code request_parameters}: {@code {k=v, l=[a, b]}})
 * names them ({@link Accessor#memberSeparators}), and parts are also cut there.
 */
final class MemberGates {
    /**
     * Characters of a number as Jackson or Java shows one: a part of only these could be a number
     * written otherwise ({@code 1e2} shown as {@code 100.0}, {@code 1e400} as {@code Infinity}).
     */
    static final String NUMBER_CHARS = "0123456789.eE+-Infinity";

    private MemberGates() {
    }

    /** {@code p} with a check of the record's bytes before each test that has one ({@code p} itself when none has). */
    static Predicate apply(Predicate p) {
        if (p instanceof Predicate.And a) {
            List<Predicate> checks = new ArrayList<>();
            List<Predicate> rest = new ArrayList<>(a.children().size());
            for (Predicate c : a.children()) {
                Predicate.Exists check = c instanceof Predicate.Match m ? check(m) : null;
                if (check != null) {
                    checks.add(check); // first: a check is cheaper than any test that reads a member
                    rest.add(c);
                } else {
                    rest.add(apply(c));
                }
            }
            // Next, alternatives that the bytes may answer all at once (stringContains(p, "AWS=") or ...):
            // before the tests that read the member, so "no" spares reading it.
            for (int i = 0; i < rest.size(); i++) {
                if (allChecked(rest.get(i))) {
                    checks.add(rest.remove(i--));
                }
            }
            if (checks.isEmpty() && rest.equals(a.children())) {
                return p;
            }
            checks.addAll(rest);
            return new Predicate.And(checks);
        }
        if (p instanceof Predicate.Or o) {
            List<Predicate> out = new ArrayList<>(o.children().size());
            for (Predicate c : o.children()) {
                out.add(apply(c));
            }
            return out.equals(o.children()) ? p : new Predicate.Or(out);
        }
        if (p instanceof Predicate.Not n) {
            Predicate c = apply(n.child());
            return c == n.child() ? p : new Predicate.Not(c);
        }
        if (p instanceof Predicate.Match m) {
            Predicate.Exists check = check(m);
            return check == null ? p : new Predicate.And(List.of(check, p));
        }
        return p;
    }

    /** An {@code or} whose every alternative starts with a check of the bytes. */
    private static boolean allChecked(Predicate p) {
        if (!(p instanceof Predicate.Or o)) {
            return false;
        }
        for (Predicate c : o.children()) {
            if (!(c instanceof Predicate.And a && a.children().get(0) instanceof Predicate.Exists x && x.field() instanceof BytesCheck)) {
                return false;
            }
        }
        return true;
    }

    /** The check for a test, or null when it has none. */
    private static Predicate.Exists check(Predicate.Match m) {
        String member = m.field().member();
        if (member == null) {
            return null;
        }
        List<Spelled> parts = new ArrayList<>();
        String separators = m.field().memberSeparators();
        boolean pairs = separators.indexOf('=') >= 0; // a {k=v} rendering: key=value is checked whole
        for (String text : m.matcher().requiredTexts()) {
            for (String part : parts(text, pairs ? separators.replace("=", "") : separators)) {
                MemberPair pair = pairs ? MemberPair.of(part, NUMBER_CHARS) : null;
                if (pair != null) {
                    parts.add(pair);
                    continue;
                }
                for (String piece : pairs ? parts(part, "=") : List.of(part)) {
                    parts.add(new Part(piece));
                }
            }
        }
        return parts.isEmpty() ? null : new Predicate.Exists(new BytesCheck(member, parts.toArray(Spelled[]::new)));
    }

    /** A part of a text, and how the member's bytes spell it. */
    interface Spelled {
        String text();

        /** Whether {@code l[from, to)} may spell the part: false only when no value of the member holds it. */
        boolean in(String l, int from, int to);
    }

    /** The parts of {@code text} that the member's bytes spell alike (see the class comment). */
    static List<String> parts(String text) {
        return parts(text, "");
    }

    /** As {@link #parts(String)}, for values that also put {@code separators} between the member's texts. */
    static List<String> parts(String text, String separators) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || !plain(text.charAt(i)) || separators.indexOf(text.charAt(i)) >= 0) {
                String part = text.substring(start, i);
                if (checkable(part)) {
                    out.add(part);
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static boolean plain(char c) {
        return c > ' ' && c < 0x7f && "\\/{}[]:,".indexOf(c) < 0;
    }

    /** Has a character other than a quote, and is surely not a number alone. */
    private static boolean checkable(String part) {
        boolean numberOnly = true;
        boolean quotesOnly = true;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            numberOnly &= NUMBER_CHARS.indexOf(c) >= 0;
            quotesOnly &= c == '"';
        }
        return !numberOnly && !quotesOnly;
    }

    /**
     * A part of a text, found in the member's bytes by its longest run without quotes ({@code core},
     * at {@code [start, end)} of the part), then the rest compared around each place found: a quote
     * after the part's first character may be written with a backslash before it.
     */
    static final class Part implements Spelled {
        final String text;
        final String core;
        private final int start;
        private final int end;

        Part(String text) {
            this.text = text;
            int bestStart = 0;
            int bestEnd = 0;
            int runStart = 0;
            for (int i = 0; i <= text.length(); i++) {
                if (i == text.length() || text.charAt(i) == '"') {
                    if (i - runStart > bestEnd - bestStart) {
                        bestStart = runStart;
                        bestEnd = i;
                    }
                    runStart = i + 1;
                }
            }
            this.start = bestStart;
            this.end = bestEnd;
            this.core = text.substring(bestStart, bestEnd);
        }

        @Override
        public String text() {
            return text;
        }

        /** Whether {@code l[from, to)} spells the part. */
        @Override
        public boolean in(String l, int from, int to) {
            for (int at = l.indexOf(core, from); at >= 0 && at + core.length() <= to; at = l.indexOf(core, at + 1)) {
                if (before(l, at - 1, from) && after(l, at + core.length(), to)) {
                    return true;
                }
            }
            return false;
        }

        /** The part's characters before its core, read backwards from {@code j}. */
        private boolean before(String l, int j, int from) {
            for (int i = start - 1; i >= 0; i--) {
                if (j < from || l.charAt(j) != text.charAt(i)) {
                    return false;
                }
                j--;
                if (i > 0 && text.charAt(i) == '"' && j >= from && l.charAt(j) == '\\') {
                    j--; // an escaped quote; the part holds no backslash, so this one is the escape's
                }
            }
            return true;
        }

        /** The part's characters after its core, read from {@code k}. */
        private boolean after(String l, int k, int to) {
            for (int i = end; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' && k + 1 < to && l.charAt(k) == '\\' && l.charAt(k + 1) == '"') {
                    k += 2;
                } else if (k < to && l.charAt(k) == c) {
                    k++;
                } else {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * A field that has a value ("") unless the record's bytes show that member {@code member} cannot
     * spell every part: the check an {@link Predicate.Exists} makes of it. Equal checks are one
     * test for the engine's memo.
     */
    private record BytesCheck(String member, Spelled[] parts) implements Accessor {
        @Override
        public String name() {
            return "(bytes of " + member + ")";
        }

        @Override
        public Object extract(CloudTrailEvent event) {
            long span = event.searchableSpan(member);
            if (span < 0) {
                return "";
            }
            String l = event.latin1();
            int from = (int) (span >>> 32);
            int to = (int) span;
            for (Spelled p : parts) {
                if (!p.in(l, from, to)) {
                    return null;
                }
            }
            return "";
        }

        @Override
        public int cost() {
            return 1;
        }

        @Override
        public Object shareKey() {
            List<Object> key = new ArrayList<>(parts.length + 2);
            key.add("bytes");
            key.add(member);
            for (Spelled p : parts) {
                key.add(List.of(p.getClass().getSimpleName(), p.text())); // a pair and a part of one text answer apart
            }
            return key;
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
