package io.trailhound.synth;

import java.util.SplittableRandom;

/**
 * Identifiers in the forms AWS uses, drawn from the seeded random stream so that output is
 * reproducible (never {@code UUID.randomUUID()}).
 */
final class Ids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Access key ids and unique ids use upper-case letters and the digits 2-7. */
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private final SplittableRandom rng;
    private final char[] buf = new char[512];

    Ids(SplittableRandom rng) {
        this.rng = rng;
    }

    /** A version-4 UUID string made from the seeded stream. */
    String uuid() {
        long hi = rng.nextLong();
        long lo = rng.nextLong();
        hi = (hi & ~0xF000L) | 0x4000L;
        lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        char[] c = buf;
        int p = hexInto(c, 0, hi >>> 32, 8);
        c[p++] = '-';
        p = hexInto(c, p, (hi >>> 16) & 0xFFFF, 4);
        c[p++] = '-';
        p = hexInto(c, p, hi & 0xFFFF, 4);
        c[p++] = '-';
        p = hexInto(c, p, lo >>> 48, 4);
        c[p++] = '-';
        p = hexInto(c, p, lo & 0xFFFFFFFFFFFFL, 12);
        return new String(c, 0, p);
    }

    private static int hexInto(char[] c, int p, long v, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            c[p + i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
        return p + digits;
    }

    /** {@code ASIA…} (temporary) or {@code AKIA…} (long-term) plus 16 characters. */
    String accessKey(String prefix) {
        return prefix + draw(BASE32, 16);
    }

    /** IAM unique ids: {@code AIDA} user, {@code AROA} role, {@code AGPA} group, {@code ANPA} policy, {@code AIPA} instance profile. */
    String uniqueId(String prefix) {
        return prefix + draw(BASE32, 17);
    }

    /** Twelve digits, never starting with 0. */
    String accountId() {
        char[] c = buf;
        c[0] = (char) ('1' + rng.nextInt(9));
        for (int i = 1; i < 12; i++) {
            c[i] = (char) ('0' + rng.nextInt(10));
        }
        return new String(c, 0, 12);
    }

    String hex(int n) {
        return draw(HEX, n);
    }

    String alnum(int n) {
        return draw(ALNUM, n);
    }

    String lowerAlnum(int n) {
        return draw(LOWER_ALNUM, n);
    }

    /** An opaque STS session token; real ones start with the same base64 prefix and are a few hundred characters long. */
    String sessionToken() {
        return "IQoJb3JpZ2luX2Vj" + draw(BASE64, 344);
    }

    String instanceId() {
        return "i-0" + draw(HEX, 16);
    }

    String resourceId(String prefix) {
        return prefix + "-0" + draw(HEX, 16);
    }

    private String draw(char[] alphabet, int n) {
        char[] c = n <= buf.length ? buf : new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = alphabet[rng.nextInt(alphabet.length)];
        }
        return new String(c, 0, n);
    }
}
