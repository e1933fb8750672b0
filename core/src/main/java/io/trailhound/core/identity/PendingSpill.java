package io.trailhound.core.identity;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Pending credentials that no longer fit among the ones held as objects, written compactly: the
 * credential's identity, its answer, what it waits for, and the count and times of its events.
 * Read back once the ledger has had more issuances, to work out which changed answer. The answer
 * read back keeps its origin, confidence and chain length, and for an unknown origin its
 * generalised reason; not its chain's hops. The summary bucket the events were counted in is not
 * written: it is always the answer's ({@link AttributionSummary.Bucket#of}), and is rebuilt from it.
 * Nor is an answer that its identity alone gives ({@link PendingCredential#blankAnswer}, the usual
 * one of a key issued before the logs): a flag says so, and reading works it out again.
 *
 * <p>Compact and cheap, because a run whose keys were all issued before its logs writes one entry
 * per event (worst case): each new credential is encoded by the reading thread that worked out
 * its answer, while its strings are in that thread's cache, into that thread's own spill (see
 * {@link PendingCredentials}); such a spill hands out only the entries the attribution stage
 * {@link #claim}ed (the credentials it kept; a credential another thread's event brought first is
 * never claimed here). Credentials leaving memory later are written by the stage into its own
 * spill, whose entries are live until {@link #kill}ed. Each spill is one buffer (no stream or lock
 * per field, no object kept), flushed in 64 KiB blocks. Numbers are varints;
 * strings that repeat across credentials
 * (types, accounts, role ARNs) are written once and then by number; strings that repeat within an
 * entry (the key as its access key and as what it waits for, the session ARN as what it waits for)
 * as a back-reference; other strings as the length of the prefix they share with the same field of
 * the entry before (keys, session ARNs, principal IDs and session names of one role differ in their
 * tails) and the rest. The first {@value #MEMORY_BLOCKS} blocks (16 MiB) stay in memory, so a run
 * of a few hundred thousand such credentials never touches the disk; past them every block goes to
 * a temporary file, so memory stays bounded. The blocks in memory are counted against one
 * {@link Budget} for all the spills of an attributor. They are direct buffers, outside the heap,
 * taken from a pool that the spills of every attributor share and give back to: 16 MiB of
 * blocks live through a run, and on the heap the collector copied them at each young collection
 * (a pause for every thread); a scan after the first allocates none.
 */
final class PendingSpill implements AutoCloseable {
    private static final int DICTIONARY = 1 << 14;
    private static final int BLOCK = 1 << 16;
    /** Blocks kept in memory before the spill moves to a file. */
    static final int MEMORY_BLOCKS = 256;
    /** A shared prefix shorter than this is written out whole (not worth a varint). */
    private static final int MIN_PREFIX = 4;
    /** How many fields of an entry {@link #str} writes. */
    private static final int STR_FIELDS = 12;
    /** Strings of one entry a later one may refer back to. */
    private static final int BACK_REFS = 8;
    /** How many fields of an entry {@link #word} writes. */
    private static final int WORD_FIELDS = 14;

    // String tags.
    private static final int NULL = 0, ASCII = 1, UTF8 = 2, WORD = 3, BACK = 4, PREFIX = 5;
    // Entry flags.
    private static final int HAS_ORIGIN = 1, CHAIN = 2, ASSUMED_ROOT = 4, NO_EXPIRY = 8, BLANK_ANSWER = 16;

    private static final Hop UNKEPT_HOP = new Hop(null, null, null, null, Long.MIN_VALUE, null, null);

    private final Budget budget;
    /** Flushed blocks (each read from 0 to its limit) while they fit in memory; then null, and everything is in {@link #file}. */
    private List<ByteBuffer> blocks = new ArrayList<>();
    private Path file;
    private OutputStream out;
    private byte[] buf = new byte[BLOCK];
    private int n;
    private final WordIds written = new WordIds();
    /** Per field of an entry that {@link #word} writes: the last word and its number. */
    private final String[] lastWord = new String[WORD_FIELDS];
    private final int[] lastWordId = new int[WORD_FIELDS];
    /** Per field of an entry that {@link #str} writes: its last value as written (UTF-8), which the next one may share a prefix with. */
    private final byte[][] lastStr = new byte[STR_FIELDS][];
    private final String[] entryStrings = new String[BACK_REFS];
    private final byte[][] entryBytes = new byte[BACK_REFS][];
    private int entryCount;
    private long entries;
    /** Entries taken back ({@link #kill}): read past, never handed out. Empty (no memory) until one is. */
    private final java.util.BitSet dead = new java.util.BitSet();
    private long killed;
    /**
     * In a reading thread's spill: the entries the stage claimed and has not taken back since (the
     * only ones handed out); null in a spill whose entries are live when written.
     */
    private final java.util.BitSet claimed;
    private long claimedLive;
    /** The ledger's {@link CredentialLedger#changes()} when the first entry was written: nothing earlier matters. */
    private long ledgerChangesAtFirst = -1;

    PendingSpill() {
        this(MEMORY_BLOCKS);
    }

    /** Keeping at most {@code memoryBlocks} blocks in memory before moving to a file. */
    PendingSpill(int memoryBlocks) {
        this(new Budget(memoryBlocks), false);
    }

    /**
     * Counting its blocks in memory against {@code budget}; with {@code claimedOnly}, a reading
     * thread's spill, whose entries are handed out only once {@link #claim}ed.
     */
    PendingSpill(Budget budget, boolean claimedOnly) {
        this.budget = budget;
        this.claimed = claimedOnly ? new java.util.BitSet() : null;
    }

    /** Blocks that all the spills sharing it may keep in memory, together (thread-safe). */
    static final class Budget {
        private final java.util.concurrent.atomic.AtomicInteger left;

        Budget(int blocks) {
            left = new java.util.concurrent.atomic.AtomicInteger(blocks);
        }

        boolean take() {
            return left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        }

        void give(int blocks) {
            left.addAndGet(blocks);
        }
    }

    /** The temporary file, once the spill outgrew memory; null before. */
    Path file() {
        return file;
    }

    /** Entries written, taken back or not. */
    long entries() {
        return entries;
    }

    /** Entries written and not taken back (in a reading thread's spill: claimed): what {@link #forEach} hands out. */
    long live() {
        return claimed != null ? claimedLive : entries - killed;
    }

    long ledgerChangesAtFirst() {
        return ledgerChangesAtFirst;
    }

    /**
     * Takes a credential (encoded at once, in the caller's thread: a thread of its own for this
     * made the attribution stage wait for it on a loaded machine, and the reading threads for the
     * stage) and returns its entry's number, for {@link #kill}.
     */
    long write(PendingCredential p, long ledgerChanges) {
        if (ledgerChangesAtFirst < 0) {
            ledgerChangesAtFirst = ledgerChanges;
        }
        encode(p);
        return entries++;
    }

    /**
     * The stage keeps the credential of entry {@code entry}, written by a reading thread: from now
     * on it is handed out, until taken back. The stage's thread only.
     */
    void claim(long entry) {
        if (!claimed.get((int) entry)) {
            claimed.set((int) entry);
            claimedLive++;
        }
    }

    /**
     * Takes entry {@code entry} back: its credential changed since (or is held again), so it will
     * be written anew if it leaves memory. Costs a bit per entry up to the highest taken back.
     */
    void kill(long entry) {
        if (claimed != null) {
            if (claimed.get((int) entry)) {
                claimed.clear((int) entry);
                claimedLive--;
            }
            return;
        }
        if (!dead.get((int) entry)) {
            dead.set((int) entry);
            killed++;
        }
    }

    /** Whether {@link #kill} can still number the next entry (a bit set indexed by int). */
    boolean canKillNext() {
        return entries < Integer.MAX_VALUE;
    }

    /** One entry into the buffer. */
    private void encode(PendingCredential p) {
        CredentialIdentity c = p.identity;
        entryCount = 0;
        boolean blank = p.blankAnswer;
        int answerFlags = blank ? BLANK_ANSWER : (p.answer.attribution().origin() != null ? HAS_ORIGIN : 0)
                | (p.answer.expiresAt() == Long.MAX_VALUE ? NO_EXPIRY : 0);
        byte1(answerFlags | (p.counted.chain() ? CHAIN : 0) | (c.assumedRoot() ? ASSUMED_ROOT : 0));
        str(0, p.key);
        word(0, c.type());
        str(1, c.arn());
        str(2, c.principalId());
        word(1, c.accountId());
        str(3, c.accessKeyId());
        str(4, c.userName());
        word(2, c.invokedBy());
        word(3, c.identityProvider());
        str(5, c.sessionCreationDate());
        str(6, c.sourceIdentity());
        word(4, c.ec2RoleDelivery());
        word(5, c.issuerArn());
        word(6, c.issuerUserName());
        str(7, c.onBehalfOfUserId());
        word(7, c.onBehalfOfIdentityStoreArn());
        word(8, c.eventSource());
        word(9, c.recipientAccountId());
        if (!blank) {
            answer(p.answer);
        }
        varlong(p.events);
        varlong(zigzag(p.firstTime));
        varlong(zigzag(p.lastTime - p.firstTime));
    }

    /** What the credential's answer keeps when written (see the class comment). */
    private void answer(CredentialAnswer answer) {
        Attribution a = answer.attribution();
        Origin o = a.origin();
        if (o != null) {
            word(10, o.type());
            str(8, o.arn());
            str(9, o.name());
            word(11, o.provider());
            word(12, o.account());
        }
        byte1(a.confidence().ordinal());
        // Reasons name keys: kept, generalised, for unknown origins only (what the summary and a comparison need).
        word(13, a.confidence() == Confidence.UNKNOWN ? AttributionSummary.generalise(a.reason()) : null);
        varlong(a.chain().size());
        if (answer.expiresAt() != Long.MAX_VALUE) {
            varlong(zigzag(answer.expiresAt()));
        }
        str(10, answer.waitKey());
        str(11, answer.waitSession());
    }

    /**
     * Every live entry written, in order, rebuilt (the ones taken back are read past); chains come
     * back as placeholders of the same length. The entries stay for another pass.
     */
    void forEach(Consumer<PendingCredential> each) {
        forEach(c -> {
            throw new IllegalStateException("a blank answer read back with no way to work it out");
        }, each);
    }

    /** As above, working out each answer written as blank with {@code blank} (see {@link PendingCredential#blank}). */
    void forEach(java.util.function.Function<CredentialIdentity, CredentialAnswer> blank, Consumer<PendingCredential> each) {
        flush();
        try (InputStream in = blocks != null ? new BlocksInput(blocks) : Files.newInputStream(file)) {
            Reader r = new Reader(in);
            Confidence[] confidences = Confidence.values();
            String[] words = new String[WORD_FIELDS];
            for (long i = 0; i < entries; i++) {
                // Most entries of a reading thread's spill were never claimed or were taken back: read past as bytes, no strings.
                boolean live = claimed != null ? i < Integer.MAX_VALUE && claimed.get((int) i)
                        : killed == 0 || i >= Integer.MAX_VALUE || !dead.get((int) i);
                r.startEntry();
                int flags = r.byte1();
                r.str(0);
                words[0] = r.word();
                r.str(1);
                r.str(2);
                words[1] = r.word();
                r.str(3);
                r.str(4);
                words[2] = r.word();
                words[3] = r.word();
                r.str(5);
                r.str(6);
                words[4] = r.word();
                words[5] = r.word();
                words[6] = r.word();
                r.str(7);
                words[7] = r.word();
                words[8] = r.word();
                words[9] = r.word();
                boolean blankAnswer = (flags & BLANK_ANSWER) != 0;
                Confidence conf = null;
                int hops = 0;
                long expiresAt = Long.MAX_VALUE;
                if (!blankAnswer) { // else nothing of the answer was written
                    if ((flags & HAS_ORIGIN) != 0) {
                        words[10] = r.word();
                        r.str(8);
                        r.str(9);
                        words[11] = r.word();
                        words[12] = r.word();
                    }
                    conf = confidences[r.byte1()];
                    words[13] = r.word();
                    hops = (int) r.varlong();
                    expiresAt = (flags & NO_EXPIRY) != 0 ? Long.MAX_VALUE : unzigzag(r.varlong());
                    r.str(10);
                    r.str(11);
                }
                long events = r.varlong();
                long first = unzigzag(r.varlong());
                long last = first + unzigzag(r.varlong());
                if (!live) {
                    continue;
                }
                CredentialIdentity c = new CredentialIdentity(words[0], r.value(1), r.value(2), words[1], r.value(3), r.value(4),
                        words[2], words[3], r.value(5), r.value(6), words[4], (flags & ASSUMED_ROOT) != 0, words[5], words[6],
                        r.value(7), words[7], words[8], words[9]);
                CredentialAnswer answer;
                if (blankAnswer) {
                    answer = asKept(blank.apply(c));
                } else {
                    Origin o = (flags & HAS_ORIGIN) != 0 ? new Origin(words[10], r.value(8), r.value(9), words[11], words[12]) : null;
                    answer = new CredentialAnswer(new Attribution(o, conf, words[13], Collections.nCopies(hops, UNKEPT_HOP), List.of()),
                            expiresAt, r.value(10), r.value(11));
                }
                PendingCredential p = new PendingCredential(r.value(0), c, answer, AttributionSummary.Bucket.of((flags & CHAIN) != 0,
                        answer.attribution()), events, first, last);
                p.blankAnswer = blankAnswer;
                each.accept(p);
            }
        } catch (EOFException e) {
            throw new IllegalStateException("the pending credentials in " + where() + " ended early", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pending credentials from " + where(), e);
        }
    }

    /** An answer as an entry that keeps it reads back: no hops, and only an unknown origin's reason, generalised. */
    private static CredentialAnswer asKept(CredentialAnswer full) {
        Attribution a = full.attribution();
        return new CredentialAnswer(new Attribution(a.origin(), a.confidence(), a.confidence() == Confidence.UNKNOWN
                ? AttributionSummary.generalise(a.reason()) : null, Collections.nCopies(a.chain().size(), UNKEPT_HOP), List.of()),
                full.expiresAt(), full.waitKey(), full.waitSession());
    }

    // ---------------------------------------------------------------- writing

    private void room(int bytes) {
        if (n + bytes <= buf.length) {
            return;
        }
        flush();
        if (bytes > buf.length) {
            buf = new byte[Math.max(bytes, buf.length * 2)]; // one long log field
        }
    }

    /**
     * The buffer into blocks in memory while there is room (a buffer grown past a block, for one
     * long field, takes several), else (from then on, after the blocks before it) into the file.
     */
    private void flush() {
        if (n == 0) {
            return;
        }
        int from = 0;
        if (blocks != null) {
            while (from < n && budget.take()) {
                int len = Math.min(n - from, BLOCK);
                blocks.add(takeBlock().put(buf, from, len).flip());
                from += len;
            }
            if (from == n) {
                n = 0;
                return;
            }
        }
        try {
            if (blocks != null) {
                file = Files.createTempFile("trailhound-pending-", ".bin");
                file.toFile().deleteOnExit();
                out = Files.newOutputStream(file);
                byte[] copy = new byte[BLOCK];
                for (ByteBuffer b : blocks) {
                    int len = b.remaining();
                    b.duplicate().get(copy, 0, len);
                    out.write(copy, 0, len);
                }
                giveBlocks();
            }
            out.write(buf, from, n - from);
            out.flush();
            n = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pending credentials to " + where(), e);
        }
    }

    /** Blocks given back, for any spill to take: at most a budget's worth is kept (the rest the collector frees). */
    private static final ArrayDeque<ByteBuffer> FREE_BLOCKS = new ArrayDeque<>();

    private static ByteBuffer takeBlock() {
        synchronized (FREE_BLOCKS) {
            ByteBuffer b = FREE_BLOCKS.poll();
            if (b != null) {
                return b.clear();
            }
        }
        BLOCKS_ALLOCATED.incrementAndGet();
        return ByteBuffer.allocateDirect(BLOCK);
    }

    private static final java.util.concurrent.atomic.AtomicLong BLOCKS_ALLOCATED = new java.util.concurrent.atomic.AtomicLong();

    /** How many blocks the process has allocated (the rest were taken from the pool). */
    static long blocksAllocated() {
        return BLOCKS_ALLOCATED.get();
    }

    /** This spill's blocks back to the budget and the pool; from now on it has none. */
    private void giveBlocks() {
        budget.give(blocks.size());
        synchronized (FREE_BLOCKS) {
            for (ByteBuffer b : blocks) {
                if (FREE_BLOCKS.size() < MEMORY_BLOCKS) {
                    FREE_BLOCKS.push(b);
                }
            }
        }
        blocks = null;
    }

    /** The blocks as one stream, read through views (the entries stay for another pass). */
    private static final class BlocksInput extends InputStream {
        private final ByteBuffer[] views;
        private int at;

        BlocksInput(List<ByteBuffer> blocks) {
            views = new ByteBuffer[blocks.size()];
            for (int i = 0; i < views.length; i++) {
                views[i] = blocks.get(i).duplicate();
            }
        }

        @Override
        public int read(byte[] b, int off, int len) {
            while (at < views.length && !views[at].hasRemaining()) {
                at++;
            }
            if (at == views.length) {
                return -1;
            }
            int k = Math.min(len, views[at].remaining());
            views[at].get(b, off, k);
            return k;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }
    }

    private String where() {
        return file != null ? file.toString() : "memory";
    }

    private void byte1(int b) {
        room(1);
        buf[n++] = (byte) b;
    }

    private void varlong(long v) {
        room(10);
        while ((v & ~0x7FL) != 0) {
            buf[n++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[n++] = (byte) v;
    }

    /**
     * A string of this credential as entry field {@code field}: null, a back-reference to an equal
     * one earlier in the entry, what it adds to the prefix it shares with the field's last value
     * (both ASCII there), or its text.
     */
    private void str(int field, String s) {
        if (s == null) {
            byte1(NULL);
            return;
        }
        byte[] last = lastStr[field];
        for (int i = 0; i < entryCount; i++) {
            if (s.equals(entryStrings[i])) {
                byte1(BACK);
                byte1(i);
                lastStr[field] = entryBytes[i];
                return;
            }
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        lastStr[field] = b;
        if (entryCount < BACK_REFS) {
            entryBytes[entryCount] = b;
            entryStrings[entryCount++] = s;
        }
        boolean ascii = b.length == s.length(); // else some char took more than one byte
        int shared = last == null || !ascii ? 0 : sharedPrefix(last, b);
        if (shared >= MIN_PREFIX) {
            byte1(PREFIX);
            varlong(shared);
        }
        bytes(ascii ? ASCII : UTF8, b, shared >= MIN_PREFIX ? shared : 0);
    }

    /** How many leading bytes {@code a} and {@code b} share. */
    private static int sharedPrefix(byte[] a, byte[] b) {
        int i = java.util.Arrays.mismatch(a, b);
        return i < 0 ? a.length : i;
    }

    /** A string that repeats across credentials: numbered the first time (while the dictionary has room), then by number. */
    private void word(int field, String s) {
        if (s == null) {
            byte1(NULL);
            return;
        }
        // Most fields repeat the previous entry's (one account, one identity type): that costs one equals, no hashing.
        int id = s.equals(lastWord[field]) ? lastWordId[field] : -1;
        if (id < 0) {
            int known = written.get(s);
            if (known < 0) {
                text(s);
                if (written.size() < DICTIONARY) {
                    lastWord[field] = s;
                    lastWordId[field] = written.add(s);
                }
                return;
            }
            id = known;
            lastWord[field] = s;
            lastWordId[field] = id;
        }
        byte1(WORD);
        varlong(id);
    }

    /**
     * The words written so far and their numbers: open addressing by {@link TailHash}, as a role ARN
     * (the session issuer's, which changes from one credential to the next) is a new string each
     * time, and hashing it whole cost a tenth of an entry.
     */
    private static final class WordIds {
        private String[] words = new String[64];
        private int[] hashes = new int[64];
        private int[] ids = new int[64];
        private int size;

        int size() {
            return size;
        }

        /** The word's number, or -1. */
        int get(String w) {
            int h = TailHash.of(w);
            int mask = words.length - 1;
            for (int i = h & mask; words[i] != null; i = (i + 1) & mask) {
                if (hashes[i] == h && words[i].equals(w)) {
                    return ids[i];
                }
            }
            return -1;
        }

        /** Numbers a word not held yet: the next number. */
        int add(String w) {
            if ((size + 1) * 3 > words.length * 2) {
                grow();
            }
            put(w, TailHash.of(w), size);
            return size++;
        }

        private void put(String w, int h, int id) {
            int mask = words.length - 1;
            int i = h & mask;
            while (words[i] != null) {
                i = (i + 1) & mask;
            }
            words[i] = w;
            hashes[i] = h;
            ids[i] = id;
        }

        private void grow() {
            String[] oldWords = words;
            int[] oldHashes = hashes, oldIds = ids;
            words = new String[oldWords.length * 2];
            hashes = new int[words.length];
            ids = new int[words.length];
            for (int i = 0; i < oldWords.length; i++) {
                if (oldWords[i] != null) {
                    put(oldWords[i], oldHashes[i], oldIds[i]);
                }
            }
        }
    }

    /**
     * Text as UTF-8: tagged ASCII when every char took one byte (nearly every field; an unpaired
     * surrogate, which UTF-8 writes as '?', reads back as '?' either way).
     */
    private void text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        bytes(b.length == s.length() ? ASCII : UTF8, b, 0);
    }

    /** Tag, length and bytes of {@code b} from {@code from} on. */
    private void bytes(int tag, byte[] b, int from) {
        int len = b.length - from;
        room(len + 11); // tag, length, bytes: no flush in between
        buf[n++] = (byte) tag;
        varlong(len);
        System.arraycopy(b, from, buf, n, len);
        n += len;
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    // ---------------------------------------------------------------- reading

    /**
     * Mirrors the writing half: the same buffer discipline, dictionary and back-references. An
     * entry's strings are read as bytes, each field's into its own scratch (what the next entry's
     * value of the field may share a prefix with), and made into strings ({@link #value}) only for
     * the entries handed out.
     */
    private static final class Reader {
        private final InputStream in;
        private byte[] buf = new byte[BLOCK];
        private int pos;
        private int lim;
        private final List<String> dictionary = new ArrayList<>();
        /** Per field: its last value's bytes (the first {@link #lastLen}), whether they are all ASCII, null in this entry. */
        private final byte[][] lastBytes = new byte[STR_FIELDS][];
        private final int[] lastLen = new int[STR_FIELDS];
        private final boolean[] lastAscii = new boolean[STR_FIELDS];
        private final boolean[] nullNow = new boolean[STR_FIELDS];
        /** Per field: the field of this entry whose value it refers back to (its string is shared), or -1. */
        private final int[] backTo = new int[STR_FIELDS];
        private final String[] madeNow = new String[STR_FIELDS];
        /** The fields of this entry's strings that later ones may refer back to, in order. */
        private final int[] entryFields = new int[BACK_REFS];
        private int entryCount;

        Reader(InputStream in) {
            this.in = in;
        }

        private void need(int bytes) throws IOException {
            if (lim - pos >= bytes) {
                return;
            }
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
            if (bytes > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(bytes, buf.length * 2));
            }
            while (lim < bytes) {
                int got = in.read(buf, lim, buf.length - lim);
                if (got < 0) {
                    throw new EOFException();
                }
                lim += got;
            }
        }

        int byte1() throws IOException {
            need(1);
            return buf[pos++] & 0xFF;
        }

        long varlong() throws IOException {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                int b = byte1();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
        }

        void startEntry() {
            entryCount = 0;
            java.util.Arrays.fill(madeNow, null);
        }

        /** Reads field {@code field}'s string of this entry, as bytes. */
        void str(int field) throws IOException {
            int tag = byte1();
            nullNow[field] = tag == NULL;
            backTo[field] = -1;
            if (tag == NULL) {
                return;
            }
            if (tag == BACK) {
                int from = entryFields[byte1()];
                backTo[field] = from;
                setBytes(field, lastBytes[from], 0, lastLen[from], 0);
                lastAscii[field] = lastAscii[from];
                return;
            }
            int keep = 0;
            if (tag == PREFIX) {
                keep = (int) varlong();
                tag = byte1();
            }
            int len = (int) varlong();
            need(len);
            setBytes(field, buf, pos, len, keep);
            pos += len;
            lastAscii[field] = tag == ASCII;
            if (entryCount < BACK_REFS) {
                entryFields[entryCount++] = field;
            }
        }

        /** The field's bytes become its first {@code keep} bytes and then {@code len} of {@code src}. */
        private void setBytes(int field, byte[] src, int from, int len, int keep) {
            byte[] b = lastBytes[field];
            if (b == null || b.length < keep + len) {
                b = java.util.Arrays.copyOf(b == null ? new byte[0] : b, Math.max(64, (keep + len) * 2));
                lastBytes[field] = b;
            }
            System.arraycopy(src, from, b, keep, len);
            lastLen[field] = keep + len;
        }

        /** Field {@code field}'s string of this entry (one string for a field and those that refer back to it). */
        String value(int field) {
            if (nullNow[field]) {
                return null;
            }
            if (backTo[field] >= 0) {
                return value(backTo[field]);
            }
            String s = madeNow[field];
            if (s == null) {
                s = new String(lastBytes[field], 0, lastLen[field], lastAscii[field] ? StandardCharsets.ISO_8859_1
                        : StandardCharsets.UTF_8);
                madeNow[field] = s;
            }
            return s;
        }

        String word() throws IOException {
            int tag = byte1();
            if (tag == NULL) {
                return null;
            }
            if (tag == WORD) {
                return dictionary.get((int) varlong());
            }
            String s = text(tag);
            if (dictionary.size() < DICTIONARY) {
                dictionary.add(s);
            }
            return s;
        }

        private String text(int tag) throws IOException {
            int len = (int) varlong();
            need(len);
            String s = new String(buf, pos, len, tag == ASCII ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            pos += len;
            return s;
        }
    }

    /** True once closed: nothing more is written to it, and nothing claimed from it is kept. */
    boolean closed() {
        return buf == null;
    }

    @Override
    public void close() {
        try {
            if (blocks != null) {
                giveBlocks();
            }
            buf = null;
            if (file != null) {
                out.close();
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
