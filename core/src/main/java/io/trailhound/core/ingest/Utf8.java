package io.trailhound.core.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation of a record's bytes (RFC 3629): Jackson lets overlong forms
 * ({@code C0 80}), surrogates ({@code ED A0 80}) and code points past U+10FFFF through, and a
 * store that holds text rejects them later, so they are caught here, per record. Runs once per
 * record, so the common all-ASCII record costs one pass of 32-byte blocks.
 */
final class Utf8 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    /** Offset of the first byte that is not valid UTF-8, or -1 when all of {@code b} is. */
    static int firstInvalid(byte[] b) {
        int n = b.length;
        for (int i = skipAscii(b, 0, n); i < n; i = skipAscii(b, i, n)) {
            int c = b[i] & 0xff; // not ASCII: the lead byte of a sequence, or invalid
            int len, lo = 0x80, hi = 0xbf; // the allowed range of the second byte
            if (c >= 0xc2 && c <= 0xdf) {
                len = 2;
            } else if (c >= 0xe0 && c <= 0xef) {
                len = 3;
                if (c == 0xe0) {
                    lo = 0xa0; // shorter forms are overlong
                } else if (c == 0xed) {
                    hi = 0x9f; // ED A0..BF encode surrogates
                }
            } else if (c >= 0xf0 && c <= 0xf4) {
                len = 4;
                if (c == 0xf0) {
                    lo = 0x90;
                } else if (c == 0xf4) {
                    hi = 0x8f; // past U+10FFFF
                }
            } else {
                return i; // a continuation byte out of place, C0/C1 (overlong) or F5..FF
            }
            if (i + len > n) {
                return i;
            }
            int second = b[i + 1] & 0xff;
            if (second < lo || second > hi) {
                return i;
            }
            for (int k = 2; k < len; k++) {
                if ((b[i + k] & 0xc0) != 0x80) {
                    return i;
                }
            }
            i += len;
        }
        return -1;
    }

    /**
     * The offset of the first byte at or after {@code i} that is not ASCII, or {@code n}: 32
     * bytes a step while none is, so the common all-ASCII record (and the ASCII between a
     * record's few multi-byte characters) costs a fraction of a pass of single bytes.
     */
    private static int skipAscii(byte[] b, int i, int n) {
        for (; i + 32 <= n; i += 32) {
            long w = (long) LONGS.get(b, i) | (long) LONGS.get(b, i + 8) | (long) LONGS.get(b, i + 16)
                    | (long) LONGS.get(b, i + 24);
            if ((w & HIGH_BITS) != 0) {
                break;
            }
        }
        for (; i + 8 <= n; i += 8) {
            if (((long) LONGS.get(b, i) & HIGH_BITS) != 0) {
                break;
            }
        }
        while (i < n && b[i] >= 0) {
            i++;
        }
        return i;
    }

    /** What is wrong with the sequence at {@code at}, for a quarantine entry. */
    static String describe(byte[] b, int at) {
        int c = b[at] & 0xff;
        String what;
        if (c == 0xc0 || c == 0xc1 || (c == 0xe0 || c == 0xf0) && at + 1 < b.length && (b[at + 1] & 0xff) < (c == 0xe0 ? 0xa0 : 0x90)) {
            what = "an overlong encoding";
        } else if (c == 0xed && at + 1 < b.length && (b[at + 1] & 0xff) >= 0xa0) {
            what = "a UTF-16 surrogate";
        } else if (c >= 0xf5 || c == 0xf4 && at + 1 < b.length && (b[at + 1] & 0xff) > 0x8f) {
            what = "a code point past U+10FFFF";
        } else {
            what = "a malformed sequence";
        }
        StringBuilder hex = new StringBuilder();
        for (int k = at; k < Math.min(b.length, at + 4); k++) {
            hex.append(hex.length() == 0 ? "" : " ").append(String.format("%02X", b[k] & 0xff));
        }
        return "invalid UTF-8 at byte " + at + " of the record: " + what + " (" + hex + ")";
    }
}
