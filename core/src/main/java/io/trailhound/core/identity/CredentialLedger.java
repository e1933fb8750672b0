package io.trailhound.core.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.FieldPath;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * Every temporary credential issued in the logs read: by the access key it returned, and by the
 * session it started (session ARN and start time) for console sessions, whose keys no record
 * returns. Also the console SwitchRole records, which name the user behind a switched-to session.
 * Cross-account issuances are recorded twice (caller's and role owner's account); the two copies
 * merge into one entry.
 */
public final class CredentialLedger {
    private static final FieldPath SWITCH_FROM = FieldPath.compile("additionalEventData.SwitchFrom");

    // Concurrent: the reading threads record and resolve in parallel (Attributor.prepare).
    private final Map<String, Issuance> byKey = new ConcurrentHashMap<>();
    private final Map<SessionKey, Issuance> bySession = new ConcurrentHashMap<>();
    private final Map<SessionKey, String> switchedFrom = new ConcurrentHashMap<>();
    /** The same links by session ARN alone, ordered by start, for matching by time proximity. */
    private final Map<String, java.util.concurrent.ConcurrentSkipListMap<Long, String>> switchesByArn = new ConcurrentHashMap<>();

    /**
     * A filter over every session ARN recorded (issuances and SwitchRole links, by {@link TailHash}):
     * a clear bit means the session is unknown, answered without hashing the whole ARN (most
     * credentials' sessions began before the logs read). Bits are set before the maps are filled.
     */
    private final java.util.concurrent.atomic.AtomicLongArray sessionFilter = new java.util.concurrent.atomic.AtomicLongArray(
            SESSION_FILTER_BITS / 64);
    private static final int SESSION_FILTER_BITS = 1 << 17;

    /** Session ARNs of the issuances held, for asking whether a session's issuance has been read. */
    private final Map<String, Boolean> sessionArns = new ConcurrentHashMap<>();
    /** Counts every issuance and SwitchRole recorded: a reader can tell whether anything arrived since it last looked. */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
    /** What was recorded since the last {@link #drainRecorded}: keys as "k" + key, sessions as "s" + ARN. Null until tracked. */
    private volatile java.util.Queue<String> recorded;

    /** A session: its ARN and the second it started. */
    private record SessionKey(String sessionArn, long startSecond) {
    }

    /** True for the events {@link #record} reads past their hot fields: STS issuances and SwitchRole. */
    static boolean mayRecord(CloudTrailEvent e) {
        return e.errorCode() == null && (IssuanceKind.of(e.eventName()) != null || "SwitchRole".equals(e.eventName()));
    }

    /** Records what the event issues or asserts about a session; true when it was such an event. */
    public boolean record(CloudTrailEvent e) {
        if (!mayRecord(e)) {
            return false;
        }
        Issuance i = IssuanceReader.read(e);
        if (i != null) {
            record(i);
            return true;
        }
        if ("SwitchRole".equals(e.eventName()) && "signin.amazonaws.com".equals(e.eventSource()) && e.errorCode() == null) {
            JsonNode from = e.at(SWITCH_FROM);
            String created = e.userIdentity().sessionCreationDate();
            if (from != null && from.isTextual() && e.userIdentity().arn() != null) {
                long start = created != null ? io.trailhound.core.event.IsoInstants.parseMillis(created) : e.eventTimeMillis();
                recordSwitch(e.userIdentity().arn(), start, from.asText());
            }
            return true;
        }
        return false;
    }

    /** Records an issuance already read from its event. */
    public void record(Issuance i) {
        byKey.merge(i.accessKeyId(), i, Issuance::merge);
        if (i.sessionArn() != null) {
            markSession(i.sessionArn());
            bySession.merge(sessionKey(i.sessionArn(), i.issuedAt() / 1000), i, Issuance::merge);
            sessionArns.put(i.sessionArn(), Boolean.TRUE);
        }
        // After the maps: whoever hears of it finds it there.
        changes.incrementAndGet();
        java.util.Queue<String> q = recorded;
        if (q != null) {
            q.add("k" + i.accessKeyId());
            if (i.sessionArn() != null) {
                q.add("s" + i.sessionArn());
            }
        }
    }

    /**
     * Starts keeping what is recorded from now on for {@link #drainRecorded}: the attributor's way of
     * hearing, in its own thread, of issuances the reading threads record.
     */
    public void trackRecorded() {
        if (recorded == null) {
            recorded = new java.util.concurrent.ConcurrentLinkedQueue<>();
        }
    }

    /** Hands each key ("k" + key) and session ARN ("s" + ARN) recorded since the last call to {@code out}. */
    public void drainRecorded(java.util.function.Consumer<String> out) {
        java.util.Queue<String> q = recorded;
        if (q == null) {
            return;
        }
        for (String s = q.poll(); s != null; s = q.poll()) {
            out.accept(s);
        }
    }

    /** How many issuances and SwitchRole links were recorded so far (copies and repeats included). */
    public long changes() {
        return changes.get();
    }

    /** True when an issuance or SwitchRole of this session ARN has been recorded. */
    public boolean knowsSession(String sessionArn) {
        return sessionArn != null && maybeSession(sessionArn)
                && (sessionArns.containsKey(sessionArn) || switchesByArn.containsKey(sessionArn));
    }

    private boolean maybeSession(String sessionArn) {
        int bit = TailHash.of(sessionArn) & (SESSION_FILTER_BITS - 1);
        return (sessionFilter.get(bit >>> 6) & 1L << bit) != 0;
    }

    private void markSession(String sessionArn) {
        int bit = TailHash.of(sessionArn) & (SESSION_FILTER_BITS - 1);
        long mask = 1L << bit;
        if ((sessionFilter.get(bit >>> 6) & mask) == 0) {
            sessionFilter.getAndAccumulate(bit >>> 6, mask, (a, b) -> a | b);
        }
    }

    public Issuance byKey(String accessKeyId) {
        return accessKeyId == null ? null : byKey.get(accessKeyId);
    }

    /** The issuance that started the session {@code sessionArn} at {@code startMillis} (to the second). */
    public Issuance bySession(String sessionArn, long startMillis) {
        return sessionArn == null ? null : bySession.get(sessionKey(sessionArn, startMillis / 1000));
    }

    /** The user ARN a console SwitchRole came from, for the session {@code sessionArn} started at {@code startMillis}. */
    public String switchedFrom(String sessionArn, long startMillis) {
        return sessionArn == null ? null : switchedFrom.get(sessionKey(sessionArn, startMillis / 1000));
    }

    /** Every issuance held, cross-account copies merged (for persisting the ledger between runs). */
    public java.util.Collection<Issuance> issuances() {
        return java.util.Collections.unmodifiableCollection(byKey.values());
    }

    /**
     * The SwitchRole into a session with this ARN (role and session name) whose time is nearest
     * {@code aroundMillis}, within {@code windowMillis}; null when none. Weaker than
     * {@link #switchedFrom}: another switch under the same session name could be the one.
     */
    public SwitchLink nearestSwitch(String sessionArn, long aroundMillis, long windowMillis) {
        java.util.NavigableMap<Long, String> links = sessionArn == null ? null : switchesByArn.get(sessionArn);
        if (links == null) {
            return null;
        }
        Map.Entry<Long, String> before = links.floorEntry(aroundMillis), after = links.ceilingEntry(aroundMillis);
        Map.Entry<Long, String> best = before == null ? after : after == null ? before
                : aroundMillis - before.getKey() <= after.getKey() - aroundMillis ? before : after;
        return best == null || Math.abs(best.getKey() - aroundMillis) > windowMillis ? null
                : new SwitchLink(sessionArn, best.getKey(), best.getValue());
    }

    /** A console SwitchRole link: the session (ARN, start) and the user it was switched from. */
    public record SwitchLink(String sessionArn, long startMillis, String fromUserArn) {
    }

    /** Every SwitchRole link held (for persisting the ledger between runs). */
    public java.util.List<SwitchLink> switchLinks() {
        java.util.List<SwitchLink> out = new java.util.ArrayList<>(switchedFrom.size());
        switchedFrom.forEach((k, from) -> out.add(new SwitchLink(k.sessionArn(), k.startSecond() * 1000, from)));
        return out;
    }

    /** Records a SwitchRole link read back from a store. */
    public void recordSwitch(String sessionArn, long startMillis, String fromUserArn) {
        markSession(sessionArn);
        switchedFrom.put(sessionKey(sessionArn, startMillis / 1000), fromUserArn);
        switchesByArn.computeIfAbsent(sessionArn, k -> new java.util.concurrent.ConcurrentSkipListMap<>())
                .put(startMillis, fromUserArn);
        changes.incrementAndGet();
        java.util.Queue<String> q = recorded;
        if (q != null) {
            q.add("s" + sessionArn);
        }
    }

    public int size() {
        return byKey.size();
    }

    /** The longest a temporary credential lives (GetSessionToken, GetFederationToken): an issuance without expiry counts this long. */
    private static final long LONGEST_CREDENTIAL_MILLIS = java.time.Duration.ofHours(36).toMillis();

    /**
     * A long-running host's retention: forgets the issuances whose credential expired before
     * {@code cutoffMillis} (issued more than 36 hours before it when the record gives no expiry),
     * and the SwitchRole links into sessions that started more than 36 hours before it. Call
     * between runs (no reading thread recording). Returns how many issuances and links went.
     */
    public long forgetBefore(long cutoffMillis) {
        long n = 0;
        for (java.util.Iterator<Issuance> it = byKey.values().iterator(); it.hasNext(); ) {
            Issuance i = it.next();
            long end = i.expiresAt() != Long.MAX_VALUE ? i.expiresAt() : i.issuedAt() + LONGEST_CREDENTIAL_MILLIS;
            if (end < cutoffMillis) {
                it.remove();
                n++;
            }
        }
        bySession.values().removeIf(i -> !byKey.containsKey(i.accessKeyId()));
        long before = switchedFrom.size();
        switchedFrom.keySet().removeIf(k -> k.startSecond() * 1000 + LONGEST_CREDENTIAL_MILLIS < cutoffMillis);
        n += before - switchedFrom.size();
        switchesByArn.values().forEach(m -> m.headMap(cutoffMillis - LONGEST_CREDENTIAL_MILLIS).clear());
        switchesByArn.values().removeIf(Map::isEmpty);
        sessionArns.clear();
        bySession.keySet().forEach(k -> sessionArns.put(k.sessionArn(), Boolean.TRUE));
        return n;
    }

    private static SessionKey sessionKey(String sessionArn, long startSecond) {
        return new SessionKey(sessionArn, startSecond);
    }
}
