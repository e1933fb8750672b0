package io.trailhound.core.ingest;

import io.trailhound.core.ingest.Decompressor.CorruptGzipException;
import io.trailhound.core.ingest.Decompressor.InflateLimitException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The inflated bytes of a gzip input's members (RFC 1952 framing checked here; deflate is the
 * JDK's), read on past damage. A damaged member (corrupt data, truncation, a bad header, a failed
 * CRC-32 or size check) is reported as a {@link CorruptGzipException} after all the bytes it
 * gave, including those inflated just before the error; then the next member header is looked
 * for and reading goes on there. The search starts just after the damaged member's own header,
 * from a copy of its compressed bytes (up to {@link #REPLAY_BYTES}): a damaged member often
 * swallows the members after it as data before its inflating fails.
 *
 * <p>After a good member, text that starts a JSON value is read as plain input (a log appended
 * to a compressed one); other bytes are damage, skipped to the next member, except zero padding
 * (which gzip itself ignores) and blank space, which hold no data.
 */
final class GzipStream extends InflatedInput {
    /** Compressed bytes of the current member kept to search again after damage. */
    static final int REPLAY_BYTES = 1 << 20;
    /** Past this many damaged members, the rest of an input is not read: each search costs a pass. */
    static final int MAX_DAMAGED_MEMBERS = 1000;
    /** Below this much output the ratio is not judged: tiny files compress oddly. */
    private static final long RATIO_GRACE_BYTES = 8L << 20;
    /** How much whitespace after a member is looked through for the start of plain JSON. */
    private static final int TAIL_LOOKAHEAD = 4096;

    private enum State { HEADER, DATA, TRAILER, AFTER_MEMBER, RESYNC, PLAIN_TAIL, DONE }

    private final Decompressor owner;
    private final InputStream raw;
    private final ReadLimits limits;
    private final Inflater inflater;
    private byte[] buf;
    private int pos;          // next compressed byte not yet consumed (or given to the inflater)
    private int len;          // bytes in buf
    private long bufBase;     // offset in the compressed input of buf[0]
    private int memberStart;  // index in buf of the current member's first byte, or -1 once not kept
    private long memberAt;    // offset in the compressed input of the current member
    private boolean eof;
    private State state = State.HEADER;
    private long compressed;
    private long inflated;
    private long memberOut;
    private long verifiedEnd;
    private int damagedMembers;
    // The damage found, reported once the search for the next member has ended.
    private String damage;
    private boolean damageAltered;
    private boolean damageBetweenMembers;
    private int searchFrom;

    GzipStream(Decompressor owner, InputStream raw, int initial) {
        this.owner = owner;
        this.raw = raw;
        this.limits = owner.limits;
        this.inflater = owner.inflater;
        this.buf = owner.buf;
        this.len = initial;
        this.compressed = initial;
    }

    @Override
    public long verifiedEnd() {
        return verifiedEnd;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int r = read(one, 0, 1);
        return r < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int n) throws IOException {
        if (n == 0) {
            return 0;
        }
        while (true) {
            switch (state) {
                case HEADER -> header();
                case DATA -> {
                    int r = inflate(b, off, n);
                    if (r > 0) {
                        return r;
                    }
                }
                case TRAILER -> trailer();
                case AFTER_MEMBER -> afterMember();
                case RESYNC -> resync();
                case PLAIN_TAIL -> {
                    return plain(b, off, n);
                }
                case DONE -> {
                    return -1;
                }
            }
        }
    }

    private void header() throws IOException {
        memberStart = pos;
        memberAt = bufBase + pos;
        if (!need(10)) {
            damaged("gzip member header cut short (truncated file)", false);
            return;
        }
        int flags = buf[pos + 3] & 0xff;
        if (buf[pos] != 0x1f || buf[pos + 1] != (byte) 0x8b) {
            damaged("not a gzip member header", false);
            return;
        }
        if (buf[pos + 2] != 8) {
            damaged("unsupported gzip compression method", false);
            return;
        }
        if ((flags & 0xe0) != 0) {
            damaged("reserved gzip header flags set", false);
            return;
        }
        pos += 10; // magic, method, flags, mtime, extra flags, OS
        if ((flags & 4) != 0) {
            if (!need(2)) {
                damaged("gzip member header cut short (truncated file)", false);
                return;
            }
            int xlen = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8;
            pos += 2;
            if (!need(xlen)) {
                damaged("gzip member header cut short (truncated file)", false);
                return;
            }
            pos += xlen;
        }
        for (int field = 8; field <= 16; field += 8) { // file name, then comment: each ends with a zero byte
            if ((flags & field) != 0 && !skipZeroTerminated()) {
                damaged("gzip member header cut short (truncated file)", false);
                return;
            }
        }
        if ((flags & 2) != 0) {
            if (!need(2)) {
                damaged("gzip member header cut short (truncated file)", false);
                return;
            }
            pos += 2; // header CRC-16
        }
        inflater.reset();
        owner.crc.reset();
        memberOut = 0;
        inflater.setInput(buf, pos, len - pos);
        pos = len;
        state = State.DATA;
    }

    private boolean skipZeroTerminated() throws IOException {
        while (true) {
            if (pos == len && !fill()) {
                return false;
            }
            if (buf[pos++] == 0) {
                return true;
            }
        }
    }

    private int inflate(byte[] b, int off, int n) throws IOException {
        int r;
        try {
            r = inflater.inflate(b, off, n);
        } catch (DataFormatException e) {
            // The bytes inflated in this call before the error are good: give them, report the damage next.
            int salvaged = (int) Math.max(0, Math.min(n, inflater.getBytesWritten() - memberOut));
            pos = len - inflater.getRemaining();
            damaged("corrupt gzip data (" + e.getMessage() + ")", false);
            if (salvaged > 0) {
                count(salvaged);
            }
            return salvaged;
        }
        if (r > 0) {
            owner.crc.update(b, off, r);
            count(r);
            return r;
        }
        if (inflater.finished()) {
            pos = len - inflater.getRemaining();
            state = State.TRAILER;
        } else if (inflater.needsDictionary()) {
            pos = len - inflater.getRemaining();
            damaged("corrupt gzip data: a preset dictionary, which gzip does not allow", false);
        } else if (inflater.needsInput()) {
            if (!fill()) {
                damaged("gzip stream ends early (truncated file)", false);
            } else {
                inflater.setInput(buf, pos, len - pos);
                pos = len;
            }
        }
        return 0;
    }

    private void count(int r) throws InflateLimitException {
        memberOut += r;
        inflated += r;
        if (inflated > limits.maxInflatedBytes()) {
            state = State.DONE;
            throw new InflateLimitException("decompressed size passed the limit of " + limits.maxInflatedBytes() + " bytes");
        }
        if (inflated > RATIO_GRACE_BYTES && inflated > limits.maxInflateRatio() * Math.max(1, compressed)) {
            state = State.DONE;
            throw new InflateLimitException("decompression ratio passed " + limits.maxInflateRatio()
                    + ":1 (" + compressed + " bytes inflated to " + inflated + ")");
        }
    }

    private void trailer() throws IOException {
        if (!need(8)) {
            damaged("gzip stream ends early (truncated file: the member's CRC-32 and size are missing)", false);
            return;
        }
        long expectedCrc = le32(pos);
        long expectedSize = le32(pos + 4);
        pos += 8;
        if (expectedCrc != owner.crc.getValue()) {
            damaged("gzip CRC-32 mismatch: the member's data was altered", true);
        } else if (expectedSize != (memberOut & 0xffffffffL)) {
            damaged("gzip size mismatch: the member's data was altered", true);
        } else {
            verifiedEnd = inflated;
            state = State.AFTER_MEMBER;
        }
    }

    private long le32(int at) {
        return ((buf[at] & 0xff) | (buf[at + 1] & 0xff) << 8 | (buf[at + 2] & 0xff) << 16 | (long) (buf[at + 3] & 0xff) << 24)
                & 0xffffffffL;
    }

    /** What follows a good member: another member, nothing, plain JSON, or bytes that are damage. */
    private void afterMember() throws IOException {
        memberStart = -1;
        if (!need(1)) {
            state = State.DONE;
        } else if (buf[pos] == 0x1f && need(2) && buf[pos + 1] == (byte) 0x8b) {
            state = State.HEADER;
        } else if (startsJson()) {
            verifiedEnd = Long.MAX_VALUE; // plain input has nothing to check
            state = State.PLAIN_TAIL;
        } else {
            damageBetweenMembers = true;
            damaged("", false);
        }
    }

    private boolean startsJson() throws IOException {
        for (int i = 0; i < TAIL_LOOKAHEAD; i++) {
            if (!need(i + 1)) {
                return false;
            }
            int c = buf[pos + i];
            if (c == '{' || c == '[') {
                return true;
            }
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return false;
            }
        }
        return false;
    }

    private int plain(byte[] b, int off, int n) throws IOException {
        int r;
        if (pos < len) {
            r = Math.min(n, len - pos);
            System.arraycopy(buf, pos, b, off, r);
            pos += r;
        } else {
            r = raw.read(b, off, n);
            if (r <= 0) {
                return r;
            }
            compressed += r;
        }
        count(r);
        return r;
    }

    private void damaged(String what, boolean altered) {
        damage = damageBetweenMembers ? "after the gzip member at compressed byte " + memberAt + ", "
                : "gzip member at compressed byte " + memberAt + ": " + what;
        damageAltered = altered;
        searchFrom = memberStart >= 0 ? memberStart + 1 : pos;
        state = State.RESYNC;
    }

    /**
     * Looks for the next member header (magic, deflate, no reserved flags), then reports the
     * damage: the stream goes on at that member, or ends.
     */
    private void resync() throws IOException {
        memberStart = -1;
        long from = bufBase + searchFrom;
        boolean onlyPadding = true;
        boolean found = false;
        int i = searchFrom;
        while (true) {
            if (i + 4 > len) {
                pos = i;
                if (!fill()) {
                    for (; i < len; i++) {
                        onlyPadding &= isPadding(buf[i]);
                    }
                    break;
                }
                i = pos;
                continue;
            }
            if (buf[i] == 0x1f && buf[i + 1] == (byte) 0x8b && buf[i + 2] == 8 && (buf[i + 3] & 0xe0) == 0) {
                found = true;
                break;
            }
            onlyPadding &= isPadding(buf[i]);
            i++;
        }
        long skipped = bufBase + i - from;
        pos = i;
        state = found ? State.HEADER : State.DONE;
        boolean between = damageBetweenMembers;
        damageBetweenMembers = false;
        if (between && onlyPadding && !found) {
            return; // zero padding (which gzip ignores too) or blank space after the last member: no data
        }
        String what = between ? damage + skipped + " bytes are neither gzip nor JSON" : damage;
        if (++damagedMembers >= MAX_DAMAGED_MEMBERS) {
            state = State.DONE;
            what += "; " + MAX_DAMAGED_MEMBERS + " damaged gzip members: the rest of the input is not read";
        } else {
            what += found ? "; reading goes on at the next gzip member, at compressed byte " + (bufBase + i)
                    : "; no gzip member follows";
        }
        throw new CorruptGzipException(what, damageAltered);
    }

    private static boolean isPadding(byte c) {
        return c == 0 || c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Makes at least {@code k} bytes from {@code pos} available; false at end of input. */
    private boolean need(int k) throws IOException {
        while (len - pos < k) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    /** Reads more compressed input after what is buffered; false at end of input. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (len == buf.length) {
            makeRoom();
        }
        int r = raw.read(buf, len, buf.length - len);
        if (r < 0) {
            eof = true;
            return false;
        }
        compressed += r;
        len += r;
        return true;
    }

    /** Drops bytes no longer needed: all before pos, or before the member while it fits the replay copy. */
    private void makeRoom() {
        int keep = memberStart >= 0 ? Math.min(memberStart, pos) : pos;
        if (keep == 0 && memberStart == 0 && buf.length >= REPLAY_BYTES) {
            memberStart = -1; // the member is too large to search again from its start
            keep = pos;
        }
        if (keep > 0) {
            System.arraycopy(buf, keep, buf, 0, len - keep);
            len -= keep;
            pos -= keep;
            searchFrom -= keep;
            if (memberStart >= 0) {
                memberStart -= keep;
            }
            bufBase += keep;
        }
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
    }

    @Override
    public void close() throws IOException {
        owner.open = false;
        if (buf.length <= REPLAY_BYTES) {
            owner.buf = buf;
        }
        state = State.DONE;
        raw.close();
    }
}
