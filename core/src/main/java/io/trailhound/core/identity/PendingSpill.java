package io.trailhound.core.identity;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Pending credentials that no longer fit in memory, written to a temporary file: the credential's
 * identity, its answer, what it waits for, and the count and times of its events. Read back once
 * the ledger has had more issuances, to work out which changed answer. The answer read back keeps
 * its origin, confidence and chain length, and for an unknown origin its generalised reason; not
 * its chain's hops. The summary bucket the events were counted in is not written: it is always
 * the answer's ({@link AttributionSummary.Bucket#of}), and is rebuilt from it.
 *
 * <p>Compact and off the attribution stage's thread, because a run whose keys were all issued
 * before its logs writes one entry per event (worst case): the spill's own thread takes the
 * credentials 2,048 at a time (at most two batches held) and encodes them into one buffer (no
 * stream or lock per field), written in 64 KiB blocks; numbers are varints; strings that repeat across credentials (types, accounts, role
 * ARNs) are written once and then by number, strings that repeat within an entry (the key as its
 * access key and as what it waits for, the session ARN as what it waits for) as a back-reference.
 */
final class PendingSpill implements AutoCloseable {
    private static final int DICTIONARY = 1 << 14;
    private static final int BLOCK = 1 << 16;
    /** Credentials handed to the writing thread at a time. */
    private static final int BATCH = 2048;
    /** Strings of one entry a later one may refer back to. */
    private static final int BACK_REFS = 8;
    /** How many fields of an entry {@link #word} writes. */
    private static final int WORD_FIELDS = 14;

    // String tags.
    private static final int NULL = 0, ASCII = 1, UTF8 = 2, WORD = 3, BACK = 4;
    // Entry flags.
    private static final int HAS_ORIGIN = 1, CHAIN = 2, ASSUMED_ROOT = 4, NO_EXPIRY = 8;

    private static final Hop UNKEPT_HOP = new Hop(null, null, null, null, Long.MIN_VALUE, null, null);

    private final Path file;
    private final OutputStream out;
    private byte[] buf = new byte[BLOCK];
    private int n;
    private final Map<String, Integer> written = new HashMap<>();
    /** Per field of an entry that {@link #word} writes: the last word and its number. */
    private final String[] lastWord = new String[WORD_FIELDS];
    private final int[] lastWordId = new int[WORD_FIELDS];
    private final String[] entryStrings = new String[BACK_REFS];
    private int entryCount;
    private long entries;
    /** Credentials taken but not yet handed to the writing thread. */
    private List<PendingCredential> batch = new ArrayList<>(BATCH);
    private ExecutorService writer;
    private Future<?> writing;
    /** The ledger's {@link CredentialLedger#changes()} when the first entry was written: nothing earlier matters. */
    private long ledgerChangesAtFirst = -1;

    PendingSpill() {
        try {
            file = Files.createTempFile("trailhound-pending-", ".bin");
            file.toFile().deleteOnExit();
            out = Files.newOutputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a file for pending credentials", e);
        }
    }

    long entries() {
        return entries;
    }

    long ledgerChangesAtFirst() {
        return ledgerChangesAtFirst;
    }

    /**
     * Takes a credential that left memory (no one else refers to it any more). It is encoded and
     * written by the spill's own thread, a batch at a time, off the attribution stage's thread: a
     * run whose keys were all issued before its logs spills one credential per event.
     */
    void write(PendingCredential p, long ledgerChanges) {
        if (ledgerChangesAtFirst < 0) {
            ledgerChangesAtFirst = ledgerChanges;
        }
        entries++;
        batch.add(p);
        if (batch.size() >= BATCH) {
            handOver();
        }
    }

    /** Hands the batch to the writing thread, after the one before it is written (so at most two batches are held). */
    private void handOver() {
        waitForWriter();
        List<PendingCredential> full = batch;
        batch = new ArrayList<>(BATCH);
        if (writer == null) {
            writer = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "trailhound-pending-spill");
                t.setDaemon(true);
                return t;
            });
        }
        writing = writer.submit(() -> full.forEach(this::encode));
    }

    private void waitForWriter() {
        if (writing == null) {
            return;
        }
        try {
            writing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing pending credentials to " + file, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot write pending credentials to " + file, e.getCause());
        } finally {
            writing = null;
        }
    }

    /** Writing thread only (or the caller's, once the writing thread is idle): one entry into the buffer. */
    private void encode(PendingCredential p) {
        CredentialIdentity c = p.identity;
        Attribution a = p.answer.attribution();
        Origin o = a.origin();
        entryCount = 0;
        byte1((o != null ? HAS_ORIGIN : 0) | (p.counted.chain() ? CHAIN : 0) | (c.assumedRoot() ? ASSUMED_ROOT : 0)
                | (p.answer.expiresAt() == Long.MAX_VALUE ? NO_EXPIRY : 0));
        str(p.key);
        word(0, c.type());
        str(c.arn());
        str(c.principalId());
        word(1, c.accountId());
        str(c.accessKeyId());
        str(c.userName());
        word(2, c.invokedBy());
        word(3, c.identityProvider());
        str(c.sessionCreationDate());
        str(c.sourceIdentity());
        word(4, c.ec2RoleDelivery());
        word(5, c.issuerArn());
        word(6, c.issuerUserName());
        str(c.onBehalfOfUserId());
        word(7, c.onBehalfOfIdentityStoreArn());
        word(8, c.eventSource());
        word(9, c.recipientAccountId());
        if (o != null) {
            word(10, o.type());
            str(o.arn());
            str(o.name());
            word(11, o.provider());
            word(12, o.account());
        }
        byte1(a.confidence().ordinal());
        // Reasons name keys: kept, generalised, for unknown origins only (what the summary and a comparison need).
        word(13, a.confidence() == Confidence.UNKNOWN ? AttributionSummary.generalise(a.reason()) : null);
        varlong(a.chain().size());
        if (p.answer.expiresAt() != Long.MAX_VALUE) {
            varlong(zigzag(p.answer.expiresAt()));
        }
        str(p.answer.waitKey());
        str(p.answer.waitSession());
        varlong(p.events);
        varlong(zigzag(p.firstTime));
        varlong(zigzag(p.lastTime - p.firstTime));
    }

    /** Every entry written, in order, rebuilt; chains come back as placeholders of the same length. The file stays for another pass. */
    void forEach(Consumer<PendingCredential> each) {
        waitForWriter();
        batch.forEach(this::encode);
        batch.clear();
        flush();
        try (InputStream in = Files.newInputStream(file)) {
            Reader r = new Reader(in);
            Confidence[] confidences = Confidence.values();
            for (long i = 0; i < entries; i++) {
                r.entryCount = 0;
                int flags = r.byte1();
                String key = r.str();
                CredentialIdentity c = new CredentialIdentity(r.word(), r.str(), r.str(), r.word(), r.str(), r.str(), r.word(),
                        r.word(), r.str(), r.str(), r.word(), (flags & ASSUMED_ROOT) != 0, r.word(), r.word(), r.str(), r.word(),
                        r.word(), r.word());
                Origin o = (flags & HAS_ORIGIN) != 0 ? new Origin(r.word(), r.str(), r.str(), r.word(), r.word()) : null;
                Confidence conf = confidences[r.byte1()];
                String reason = r.word();
                int hops = (int) r.varlong();
                long expiresAt = (flags & NO_EXPIRY) != 0 ? Long.MAX_VALUE : unzigzag(r.varlong());
                CredentialAnswer answer = new CredentialAnswer(new Attribution(o, conf, reason, Collections.nCopies(hops, UNKEPT_HOP),
                        List.of()), expiresAt, r.str(), r.str());
                long events = r.varlong();
                long first = unzigzag(r.varlong());
                long last = first + unzigzag(r.varlong());
                each.accept(new PendingCredential(key, c, answer, AttributionSummary.Bucket.of((flags & CHAIN) != 0,
                        answer.attribution()), events, first, last));
            }
        } catch (EOFException e) {
            throw new IllegalStateException("the pending-credentials file " + file + " ended early", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pending credentials from " + file, e);
        }
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

    private void flush() {
        try {
            out.write(buf, 0, n);
            out.flush();
            n = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pending credentials to " + file, e);
        }
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

    /** A string of this credential: null, a back-reference to an equal one earlier in the entry, or its text. */
    private void str(String s) {
        if (s == null) {
            byte1(NULL);
            return;
        }
        for (int i = 0; i < entryCount; i++) {
            if (s.equals(entryStrings[i])) {
                byte1(BACK);
                byte1(i);
                return;
            }
        }
        if (entryCount < BACK_REFS) {
            entryStrings[entryCount++] = s;
        }
        text(s);
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
            Integer known = written.get(s);
            if (known == null) {
                text(s);
                if (written.size() < DICTIONARY) {
                    lastWord[field] = s;
                    lastWordId[field] = written.size();
                    written.put(s, written.size());
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

    /** ASCII (nearly every field) byte by byte; anything else as UTF-8 (log fields may be longer than writeUTF allows). */
    private void text(String s) {
        int len = s.length();
        boolean ascii = true;
        for (int i = 0; i < len && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            byte1(ASCII);
            varlong(len);
            room(len);
            for (int i = 0; i < len; i++) {
                buf[n++] = (byte) s.charAt(i);
            }
        } else {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            byte1(UTF8);
            varlong(b.length);
            room(b.length);
            System.arraycopy(b, 0, buf, n, b.length);
            n += b.length;
        }
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    // ---------------------------------------------------------------- reading

    /** Mirrors the writing half: the same buffer discipline, dictionary and back-references. */
    private static final class Reader {
        private final InputStream in;
        private byte[] buf = new byte[BLOCK];
        private int pos;
        private int lim;
        private final List<String> dictionary = new ArrayList<>();
        private final String[] entryStrings = new String[BACK_REFS];
        int entryCount;

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

        String str() throws IOException {
            int tag = byte1();
            if (tag == NULL) {
                return null;
            }
            if (tag == BACK) {
                return entryStrings[byte1()];
            }
            String s = text(tag);
            if (entryCount < BACK_REFS) {
                entryStrings[entryCount++] = s;
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

    @Override
    public void close() {
        try {
            if (writer != null) {
                writer.shutdownNow(); // what is not written yet is not wanted: the file goes
                try {
                    writer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
