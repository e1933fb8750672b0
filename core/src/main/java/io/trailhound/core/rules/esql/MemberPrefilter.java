package io.trailhound.core.rules.esql;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.esql.EsqlEnvironment.RenderedMember;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells from a record's raw bytes that a {@code GROK} or {@code DISSECT} over a rendered member
 * ({@link EsqlEnvironment#renderedMember}) cannot match, so the member is not parsed and rendered
 * for nothing (the Kubernetes web-identity rule's {@code accessKeyId=} over
 * {@code response_elements}, on every listing call; the SSM rule's {@code commandId=}).
 *
 * <p>A member the decoder saw absent or null renders to null, which matches nothing. Else every
 * match contains the pattern's required literals; a piece of one between the rendering's
 * separators lies inside one string of the member (or a number or boolean, which the pieces used
 * here cannot come from). Without backslash-u escapes in the record, such a string's characters
 * other than {@code " \ /} and controls are its raw bytes, which lie where the decoder saw the
 * member or, when it did not note that, at or after the first {@code "member"} in them. A piece
 * absent from there is absent from the text. Any doubt (a backslash-u anywhere, no raw bytes) and
 * the command runs as before.
 */
final class MemberPrefilter {
    /** Characters of a number's or boolean's text that may not be in the raw bytes ({@code 1e3} renders {@code 1000.0}, big ones {@code Infinity}). */
    private static final String NUMBER_TEXT = "0123456789.-EINafinty";

    private final String member;
    private final String key;
    private final String[] pieces;

    private MemberPrefilter(String member, String[] pieces) {
        this.member = member;
        this.key = '"' + member + '"';
        this.pieces = pieces;
    }

    /** The prefilter for a GROK or DISSECT with {@code literals} over {@code member}'s text; null when there is nothing to test. */
    static MemberPrefilter of(RenderedMember member, List<String> literals) {
        if (member == null) {
            return null;
        }
        List<String> pieces = new ArrayList<>();
        for (String literal : literals) {
            StringBuilder piece = new StringBuilder();
            for (int i = 0; i <= literal.length(); i++) {
                if (i == literal.length() || member.separators().indexOf(literal.charAt(i)) >= 0) {
                    if (usable(piece)) {
                        pieces.add(piece.toString()); // ASCII: the same chars in the Latin-1 view of the bytes
                    }
                    piece.setLength(0);
                } else {
                    piece.append(literal.charAt(i));
                }
            }
        }
        if (pieces.isEmpty()) {
            return null;
        }
        return new MemberPrefilter(member.member(), pieces.toArray(String[]::new));
    }

    /** A piece whose raw bytes a string holding it must contain, and which no number or boolean renders. */
    private static boolean usable(CharSequence piece) {
        boolean notNumber = false;
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '/') {
                return false; // non-ASCII, or a character a JSON escape other than backslash-u spells
            }
            notNumber |= NUMBER_TEXT.indexOf(c) < 0;
        }
        return notNumber; // "true" and "false" are raw bytes too
    }

    /** True only when the command surely finds no match in {@code e}'s rendered member. */
    boolean cannotMatch(CloudTrailEvent e) {
        if (e.memberAbsentOrNull(member)) {
            return true; // renders to null, which matches nothing: no search at all
        }
        // A byte per char, copied once per event for every rule that searches it: String.indexOf then
        // searches with the JVM's vectorized intrinsic, several times faster than a loop over the bytes.
        String bytes = e.latin1();
        if (bytes == null) {
            return false;
        }
        long span = e.searchableSpan(member);
        if (span > 0) {
            // Where the decoder saw the member: only its bytes are searched, not the record up to it.
            return !containsAll(bytes, (int) (span >>> 32), (int) span);
        }
        int from = bytes.indexOf(key);
        if (from >= 0 && containsAll(bytes, from + key.length(), bytes.length())) {
            return false;
        }
        return !e.mayHaveUnicodeEscape(); // also an escaped backslash before u: only says no more often
    }

    /** Whether every piece lies within {@code [from, to)} of {@code bytes}. */
    private boolean containsAll(String bytes, int from, int to) {
        for (String p : pieces) {
            int at = bytes.indexOf(p, from);
            if (at < 0 || at + p.length() > to) {
                return false;
            }
        }
        return true;
    }
}
