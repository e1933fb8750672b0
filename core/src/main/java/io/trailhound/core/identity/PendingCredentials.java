package io.trailhound.core.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's pending credentials: the most recently used {@code maxHeld} in memory, found by key and
 * by what they wait for; the rest written compactly to a {@link PendingSpill} (a bounded few MiB in
 * memory, then a temporary file), so memory stays bounded however
 * many credentials a run sees whose issuance is not in it (a day of logs whose sessions began the
 * day before). Nothing is dropped: a credential written out is read back when the ledger grows.
 *
 * <p>Memory is split as a segmented LRU: a credential seen once waits among the
 * {@value #PROBATION} newest (a trial segment); seen again, it moves to the main segment, which
 * holds the rest of {@code maxHeld}. So a stream of credentials each used once (every event its own
 * key) keeps a small, short-lived set in memory instead of filling all of it (what the collector
 * copies at every young collection), and never pushes out the sessions in use.
 *
 * <p>A credential entering the trial segment has been written to a spill already: by the reading
 * thread that worked out its answer, into that thread's own spill ({@link #readerSpill}), while
 * its strings were in that thread's cache (in the stage's thread, read from another processor's
 * cache, encoding them cost more than the rest of its attribution); the stage only claims the
 * entry ({@link PendingSpill#claim}). Leaving the segment unchanged it is then just let go. Seen
 * again, or changed, its entry is taken back ({@link PendingSpill#kill}) and it is written anew,
 * into the stage's own spill, if it leaves memory later. Spills are read back (and what is still
 * pending written anew into one) only with no reading thread at work: at the end of a run, or
 * between a streaming host's runs.
 */
final class PendingCredentials implements AutoCloseable {
    /** Credentials seen once kept in memory (all of {@code maxHeld} when that is smaller). */
    static final int PROBATION = 256;

    private final LinkedHashMap<String, PendingCredential> seenOnce;
    private final LinkedHashMap<String, PendingCredential> seenAgain;
    private final int seenAgainCap;
    private final Map<String, Object> byWaitKey = new HashMap<>();
    private final Map<WaitSession, Object> byWaitSession = new HashMap<>();
    private final CredentialLedger ledger;
    /** Works out the answers spilled as blank ({@link PendingCredential#blankAnswer}) when read back. */
    private final java.util.function.Function<CredentialIdentity, CredentialAnswer> blank;
    /** The stage's own spill: credentials leaving memory, and what a read-back keeps. */
    private PendingSpill spill;
    /** The reading threads' spills (see {@link #readerSpill}), this run's and earlier runs' not read back yet. */
    private final List<PendingSpill> readerSpills = new ArrayList<>();
    /** Blocks in memory, for all the spills together. */
    private final PendingSpill.Budget budget = new PendingSpill.Budget(PendingSpill.MEMORY_BLOCKS);
    /** Held credentials whose spill entry is written already ({@link PendingCredential#spilledAs}). */
    private long ahead;

    PendingCredentials(int maxHeld, CredentialLedger ledger) {
        this(maxHeld, ledger, PendingCredential.blank(TrustPolicies.none()));
    }

    /** With {@code blank}: the answer of an identity whose key and session the ledger holds nothing of (see {@link PendingCredential#blank}). */
    PendingCredentials(int maxHeld, CredentialLedger ledger,
                       java.util.function.Function<CredentialIdentity, CredentialAnswer> blank) {
        this.ledger = ledger;
        this.blank = blank;
        int seenOnceCap = Math.min(maxHeld, PROBATION);
        this.seenAgainCap = maxHeld - seenOnceCap;
        this.seenOnce = lru(seenOnceCap);
        this.seenAgain = lru(seenAgainCap);
    }

    /** Access-ordered, spilling its eldest past {@code cap}. */
    private LinkedHashMap<String, PendingCredential> lru(int cap) {
        return new LinkedHashMap<>(Math.min(cap, 1 << 16) * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PendingCredential> eldest) {
                if (size() <= cap) {
                    return false;
                }
                PendingCredential p = eldest.getValue();
                unindex(p);
                if (p.spilledAs >= 0) {
                    p.spilledAs = -1; // written when it was new, and unchanged since
                    p.spilledIn = null;
                    ahead--;
                } else {
                    spill().write(p, ledger.changes());
                }
                return true;
            }
        };
    }

    /**
     * The held credential of {@code key}, which was just seen again (the caller counts the event):
     * it joins the main segment (when it has room at all), and its entry written when new is taken back.
     */
    PendingCredential get(String key) {
        PendingCredential p = seenAgain.get(key);
        if (p != null || seenAgainCap == 0) {
            return p != null ? p : detach(seenOnce.get(key));
        }
        p = seenOnce.remove(key);
        if (p != null) {
            seenAgain.put(key, detach(p));
        }
        return p;
    }

    /** Takes back the spill entry written when {@code p} was new: it is about to change. */
    private PendingCredential detach(PendingCredential p) {
        if (p != null && p.spilledAs >= 0) {
            p.spilledIn.kill(p.spilledAs);
            p.spilledAs = -1;
            p.spilledIn = null;
            ahead--;
        }
        return p;
    }

    /** Takes back every entry written ahead for a held credential: before the spill is read and written anew. */
    private void detachAll() {
        if (ahead > 0) {
            seenOnce.values().forEach(this::detach);
        }
    }

    /** The held credential of {@code key}, where it is. */
    private PendingCredential peek(String key) {
        PendingCredential p = seenAgain.get(key);
        return p != null ? p : seenOnce.get(key);
    }

    /**
     * A new credential: into the trial segment. Its entry written by a reading thread is claimed;
     * without one (its answer changed on the way), it is written into the stage's spill now.
     */
    void add(PendingCredential p) {
        if (p.spilledAs >= 0 && !p.spilledIn.closed()) {
            p.spilledIn.claim(p.spilledAs);
            ahead++;
        } else if (spill().canKillNext()) {
            p.spilledAs = spill.write(p, ledger.changes());
            p.spilledIn = spill;
            ahead++;
        }
        seenOnce.put(p.key, p);
        index(p);
    }

    /**
     * A new spill for one reading thread to write its new pending credentials into (thread-safe;
     * the thread writes, the stage claims and takes back entries).
     */
    synchronized PendingSpill readerSpill() {
        PendingSpill s = new PendingSpill(budget, true);
        readerSpills.add(s);
        return s;
    }

    /** After its answer changed: found by what it waits for now, or let go when it waits for nothing. */
    void update(PendingCredential p, CredentialAnswer now) {
        detach(p);
        unindex(p);
        p.answer = now;
        p.blankAnswer = false;
        if (now.pending()) {
            index(p);
        } else if (!seenAgain.remove(p.key, p)) {
            seenOnce.remove(p.key, p);
        }
    }

    /** The held credentials waiting for the issuance of {@code key} (a copy: the caller may update them). */
    List<PendingCredential> waitingOnKey(String key) {
        PendingCredential own = peek(key);
        List<PendingCredential> others = copy(byWaitKey.get(key));
        if (own == null || !key.equals(own.answer.waitKey())) {
            return others;
        }
        List<PendingCredential> all = new ArrayList<>(others.size() + 1);
        all.add(own);
        all.addAll(others);
        return all;
    }

    List<PendingCredential> waitingOnSession(String sessionArn) {
        return copy(byWaitSession.get(WaitSession.of(sessionArn)));
    }

    /**
     * A session ARN as a key of {@link #byWaitSession}, hashed by its tail ({@link TailHash}): each
     * new credential is indexed by its session, in the stage's one thread, and hashing the whole
     * ARN there cost more than the rest of indexing it.
     */
    record WaitSession(String arn, int hash) {
        static WaitSession of(String arn) {
            return arn == null ? null : new WaitSession(arn, TailHash.of(arn));
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WaitSession w && w.hash == hash && w.arn.equals(arn);
        }
    }

    int held() {
        return seenOnce.size() + seenAgain.size();
    }

    long spilled() {
        long live = spill == null ? 0 : spill.live();
        for (PendingSpill s : spills()) {
            live += s.live();
        }
        return live - ahead;
    }

    /** The reading threads' spills (read with none of them at work). */
    private synchronized List<PendingSpill> spills() {
        return new ArrayList<>(readerSpills);
    }

    /**
     * Every spill, the stage's own first, handed over to be read back once: from now on the stage
     * writes into a new one of its own, and each reading thread, finding its spill closed, into a new one.
     */
    private synchronized List<PendingSpill> takeSpills() {
        List<PendingSpill> all = new ArrayList<>(readerSpills.size() + 1);
        if (spill != null) {
            all.add(spill);
        }
        all.addAll(readerSpills);
        readerSpills.clear();
        spill = null;
        return all;
    }

    /**
     * Reads the spilled credentials back when the ledger gained anything since the first was
     * written, hands each to {@code recheck} (which returns true to keep it pending) and writes the
     * ones kept to a new file.
     */
    void recheckSpilled(java.util.function.Predicate<PendingCredential> recheck) {
        closeEmptyReaderSpills();
        if (spilled() == 0 || !changedSinceWritten()) {
            return;
        }
        detachAll(); // the held ones are looked at by what they wait for, and written anew if they leave
        for (PendingSpill old : takeSpills()) {
            try (old) {
                old.forEach(blank, p -> {
                    if (recheck.test(p)) {
                        spill().write(p, ledger.changes());
                    }
                });
            }
        }
    }

    /**
     * Lets go of the reading threads' spills that hold nothing the stage kept (a streaming host's
     * earlier runs would otherwise pile them up).
     */
    private synchronized void closeEmptyReaderSpills() {
        for (Iterator<PendingSpill> it = readerSpills.iterator(); it.hasNext(); ) {
            PendingSpill s = it.next();
            if (s.live() == 0) {
                s.close();
                it.remove();
            }
        }
    }

    /** Whether the ledger gained anything since the first entry of a spill holding any was written. */
    private boolean changedSinceWritten() {
        long now = ledger.changes();
        if (spill != null && spill.live() > 0 && spill.ledgerChangesAtFirst() != now) {
            return true;
        }
        for (PendingSpill s : spills()) {
            if (s.live() > 0 && s.ledgerChangesAtFirst() != now) {
                return true;
            }
        }
        return false;
    }

    /**
     * Forgets the credentials, in memory and on disk, last used before {@code cutoffMillis} (event
     * time); call after a recheck, as the ones written back count as checked. Returns how many.
     */
    long forgetLastUsedBefore(long cutoffMillis) {
        detachAll(); // the spill is read and written anew below, without the held ones
        long n = 0;
        for (LinkedHashMap<String, PendingCredential> segment : List.of(seenOnce, seenAgain)) {
            for (Iterator<PendingCredential> it = segment.values().iterator(); it.hasNext(); ) {
                PendingCredential p = it.next();
                if (p.lastTime < cutoffMillis) {
                    unindex(p);
                    it.remove();
                    n++;
                }
            }
        }
        long[] gone = {0};
        for (PendingSpill old : takeSpills()) {
            try (old) {
                if (old.live() > 0) {
                    old.forEach(blank, p -> {
                        if (p.lastTime < cutoffMillis) {
                            gone[0]++;
                        } else {
                            spill().write(p, ledger.changes());
                        }
                    });
                }
            }
        }
        return n + gone[0];
    }

    private PendingSpill spill() {
        if (spill == null) {
            spill = new PendingSpill(budget, false);
        }
        return spill;
    }

    /** By what it waits for; a credential waiting for its own key's issuance is found by its key already. */
    private void index(PendingCredential p) {
        p.indexedWaitKey = p.key.equals(p.answer.waitKey()) ? null : p.answer.waitKey();
        put(byWaitKey, p.indexedWaitKey, p);
        p.indexedSession = WaitSession.of(p.answer.waitSession());
        put(byWaitSession, p.indexedSession, p);
    }

    /** By the keys {@link #index} used, kept on the credential: most leave memory long after, their answer no longer in the cache. */
    private void unindex(PendingCredential p) {
        remove(byWaitKey, p.indexedWaitKey, p);
        remove(byWaitSession, p.indexedSession, p);
        p.indexedWaitKey = null;
        p.indexedSession = null;
    }

    /** One credential, or a list when several wait on the same thing (sessions issued by one caller). */
    @SuppressWarnings("unchecked")
    private static <K> void put(Map<K, Object> index, K key, PendingCredential p) {
        if (key == null) {
            return;
        }
        Object v = index.get(key);
        if (v == null) {
            index.put(key, p);
        } else if (v instanceof PendingCredential one) {
            List<PendingCredential> l = new ArrayList<>(2);
            l.add(one);
            l.add(p);
            index.put(key, l);
        } else {
            ((List<PendingCredential>) v).add(p);
        }
    }

    @SuppressWarnings("unchecked")
    private static <K> void remove(Map<K, Object> index, K key, PendingCredential p) {
        if (key == null) {
            return;
        }
        if (index.remove(key, p)) {
            return; // the common case, one credential waiting on it: one lookup
        }
        Object v = index.get(key);
        if (v instanceof List<?> l) {
            for (Iterator<PendingCredential> it = ((List<PendingCredential>) l).iterator(); it.hasNext(); ) {
                if (it.next() == p) {
                    it.remove();
                    break;
                }
            }
            if (l.isEmpty()) {
                index.remove(key);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<PendingCredential> copy(Object v) {
        if (v == null) {
            return List.of();
        }
        return v instanceof PendingCredential p ? List.of(p) : new ArrayList<>((List<PendingCredential>) v);
    }

    @Override
    public void close() {
        for (PendingSpill s : takeSpills()) {
            s.close();
        }
    }
}
