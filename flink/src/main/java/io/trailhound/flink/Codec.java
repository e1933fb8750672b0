package io.trailhound.flink;

import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.IdentityCodec;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Caller;
import io.trailhound.core.identity.Confidence;
import io.trailhound.core.identity.CredentialLedger;
import io.trailhound.core.identity.Hop;
import io.trailhound.core.identity.Issuance;
import io.trailhound.core.identity.IssuanceKind;
import io.trailhound.core.identity.Origin;
import io.trailhound.core.rules.engine.Detection;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The bytes of what the job's operators send each other: events (identity, what the rules found),
 * ledger entries (issuances and SwitchRole links, the core's own records), answers and stateful
 * candidates. Rules travel as their ordinal in the enabled rule set, which every operator loads.
 */
final class Codec {
    static final byte ISSUANCE = 1;
    static final byte SWITCH = 2;

    private Codec() {
    }

    // ---- events ----

    /** An event as it reaches attribution: identity copy, the fields the event sink adds, and what the rules found. */
    record Event(CloudTrailEvent identity, String sourceIPAddress, String userAgent, List<Hit> hits,
                 List<Candidate> candidates) {
        AlertEvent alertEvent() {
            CloudTrailEvent e = identity;
            return new AlertEvent(e.eventTimeMillis(), e.eventTimeText(), e.eventID(), e.eventSource(), e.eventName(),
                    e.awsRegion(), e.recipientAccountId(), sourceIPAddress, e.userIdentity() == null ? null : e.userIdentity().type(),
                    e.userIdentity() == null ? null : e.userIdentity().arn(), e.position() == null ? null : e.position().source(),
                    e.position() == null ? -1 : e.position().byteOffset(),
                    e.userIdentity() == null ? null : e.userIdentity().accessKeyId());
        }
    }

    record Hit(int ordinal, String output, Map<String, String> fields) {
    }

    /**
     * A stateful rule's candidate: as {@link Detection.Candidate}, with its message always rendered
     * (the event stays behind); a windowed query's rows as their query wrote them ({@link #rows}), else null.
     */
    record Candidate(int ordinal, List<String> keys, String value, long steps, String output, Map<String, String> fields,
                     byte[] row) {
    }

    /** A windowed query rule's rows, written by its query: only the rule's group reads them back. */
    static byte[] rows(io.trailhound.core.rules.ir.RowQuery query, Object rows) {
        return write(out -> query.writeRows(rows, out));
    }

    static Object rows(io.trailhound.core.rules.ir.RowQuery query, byte[] rows) {
        return read(rows, query::readRows);
    }

    /** What duplicates of an event share: its eventID, or where it was read when it has none. */
    static String eventId(CloudTrailEvent e) {
        return e.eventID() != null ? e.eventID() : String.valueOf(e.position());
    }

    static byte[] event(CloudTrailEvent e, Detection d, List<Candidate> candidates, JobRules rules) {
        return write(out -> {
            IdentityCodec.write(e, out);
            IdentityCodec.str(out, e.sourceIPAddress());
            IdentityCodec.str(out, e.userAgent());
            List<Detection.Hit> hits = d == null ? List.of() : d.hits();
            out.writeInt(hits.size());
            for (Detection.Hit h : hits) {
                out.writeInt(rules.ordinal(h.rule()));
                IdentityCodec.str(out, h.output());
                fields(out, h.fields());
            }
            out.writeInt(candidates.size());
            for (Candidate c : candidates) {
                candidate(out, c);
            }
        });
    }

    static Event event(byte[] b) {
        return read(b, in -> {
            CloudTrailEvent e = IdentityCodec.read(in);
            String ip = IdentityCodec.str(in);
            String ua = IdentityCodec.str(in);
            int n = in.readInt();
            List<Hit> hits = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                hits.add(new Hit(in.readInt(), IdentityCodec.str(in), fields(in)));
            }
            n = in.readInt();
            List<Candidate> cs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                cs.add(candidate(in));
            }
            return new Event(e, ip, ua, hits, cs);
        });
    }

    private static void candidate(DataOutput out, Candidate c) throws IOException {
        out.writeInt(c.ordinal());
        out.writeInt(c.keys().size());
        for (String k : c.keys()) {
            IdentityCodec.str(out, k);
        }
        IdentityCodec.str(out, c.value());
        out.writeLong(c.steps());
        IdentityCodec.str(out, c.output());
        fields(out, c.fields());
        out.writeInt(c.row() == null ? -1 : c.row().length);
        if (c.row() != null) {
            out.write(c.row());
        }
    }

    private static Candidate candidate(DataInput in) throws IOException {
        int ordinal = in.readInt();
        int n = in.readInt();
        List<String> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(IdentityCodec.str(in));
        }
        String value = IdentityCodec.str(in);
        long steps = in.readLong();
        String output = IdentityCodec.str(in);
        Map<String, String> fields = fields(in);
        int size = in.readInt();
        byte[] row = null;
        if (size >= 0) {
            row = new byte[size];
            in.readFully(row);
        }
        return new Candidate(ordinal, keys, value, steps, output, fields, row);
    }

    // ---- stateful candidates with their answer ----

    record Placed(Candidate candidate, AlertEvent event, Attribution attribution) {
    }

    static byte[] placed(Candidate c, AlertEvent e, Attribution a) {
        return write(out -> {
            candidate(out, c);
            alertEvent(out, e);
            attribution(out, a);
        });
    }

    static Placed placed(byte[] b) {
        return read(b, in -> new Placed(candidate(in), alertEvent(in), attribution(in)));
    }

    static void alertEvent(DataOutput out, AlertEvent e) throws IOException {
        out.writeLong(e.timeMillis());
        for (String s : new String[] {e.time(), e.eventID(), e.eventSource(), e.eventName(), e.awsRegion(),
            e.recipientAccountId(), e.sourceIPAddress(), e.identityType(), e.principalArn(), e.file()}) {
            IdentityCodec.str(out, s);
        }
        out.writeLong(e.offset());
        IdentityCodec.str(out, e.accessKeyId());
    }

    static AlertEvent alertEvent(DataInput in) throws IOException {
        long t = in.readLong();
        String[] s = new String[10];
        for (int i = 0; i < s.length; i++) {
            s[i] = IdentityCodec.str(in);
        }
        return new AlertEvent(t, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], in.readLong(),
                IdentityCodec.str(in));
    }

    // ---- alerts of rules with a max_signals ----

    /**
     * An alert line, or an update of one, of a rule with Elastic's {@code max_signals}, on its way
     * to the rule's count ({@link SignalLimit}): where its event was read, to count in that order.
     *
     * @param index which of the event's alerts of the rule this is (its hit, or its group key)
     * @param id    the event and index: an update names the alert it updates
     */
    record Limited(boolean update, long timeMillis, String file, long offset, int index, String id, String line) {
        static final java.util.Comparator<Limited> ORDER = java.util.Comparator.comparingLong(Limited::timeMillis)
                .thenComparing(Limited::file, java.util.Comparator.nullsFirst(java.util.Comparator.<String>naturalOrder()))
                .thenComparingLong(Limited::offset).thenComparingInt(Limited::index).thenComparing(Limited::update);

        static Limited of(boolean update, AlertEvent e, int index, String line) {
            String event = e.eventID() != null ? e.eventID() : e.file() + "@" + e.offset();
            return new Limited(update, e.timeMillis(), e.file(), e.offset(), index, event + "\u001e" + index, line);
        }
    }

    static byte[] limited(Limited l) {
        return write(out -> {
            out.writeBoolean(l.update());
            out.writeLong(l.timeMillis());
            IdentityCodec.str(out, l.file());
            out.writeLong(l.offset());
            out.writeInt(l.index());
            IdentityCodec.str(out, l.id());
            IdentityCodec.str(out, l.line());
        });
    }

    static Limited limited(byte[] b) {
        return read(b, in -> new Limited(in.readBoolean(), in.readLong(), IdentityCodec.str(in), in.readLong(), in.readInt(),
                IdentityCodec.str(in), IdentityCodec.str(in)));
    }

    // ---- answers ----

    static byte[] attribution(Attribution a) {
        return write(out -> attribution(out, a));
    }

    static Attribution attribution(byte[] b) {
        return read(b, Codec::attribution);
    }

    static void attribution(DataOutput out, Attribution a) throws IOException {
        out.writeBoolean(a != null);
        if (a == null) {
            return;
        }
        Origin o = a.origin();
        out.writeBoolean(o != null);
        if (o != null) {
            for (String s : new String[] {o.type(), o.arn(), o.name(), o.provider(), o.account()}) {
                IdentityCodec.str(out, s);
            }
        }
        out.writeByte(a.confidence().ordinal());
        IdentityCodec.str(out, a.reason());
        out.writeInt(a.chain().size());
        for (Hop h : a.chain()) {
            IdentityCodec.str(out, h.arn());
            IdentityCodec.str(out, h.accessKeyId());
            IdentityCodec.str(out, h.eventID());
            IdentityCodec.str(out, h.eventName());
            out.writeLong(h.time());
            IdentityCodec.str(out, h.account());
            IdentityCodec.str(out, h.linkedBy());
        }
        out.writeInt(a.anomalies().size());
        for (String s : a.anomalies()) {
            IdentityCodec.str(out, s);
        }
    }

    static Attribution attribution(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        Origin o = in.readBoolean() ? new Origin(IdentityCodec.str(in), IdentityCodec.str(in), IdentityCodec.str(in),
                IdentityCodec.str(in), IdentityCodec.str(in)) : null;
        Confidence c = Confidence.values()[in.readByte()];
        String reason = IdentityCodec.str(in);
        int n = in.readInt();
        List<Hop> chain = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            chain.add(new Hop(IdentityCodec.str(in), IdentityCodec.str(in), IdentityCodec.str(in), IdentityCodec.str(in),
                    in.readLong(), IdentityCodec.str(in), IdentityCodec.str(in)));
        }
        n = in.readInt();
        List<String> anomalies = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            anomalies.add(IdentityCodec.str(in));
        }
        return new Attribution(o, c, reason, chain, anomalies);
    }

    // ---- ledger entries ----

    static byte[] issuance(Issuance i) {
        return write(out -> {
            out.writeByte(ISSUANCE);
            out.writeUTF(i.kind().name());
            IdentityCodec.str(out, i.accessKeyId());
            Caller c = i.caller();
            for (String s : new String[] {c.type(), c.arn(), c.principalId(), c.accountId(), c.accessKeyId(), c.userName(),
                c.invokedBy(), c.sourceIdentity(), c.identityProvider(), c.sessionCreationDate()}) {
                IdentityCodec.str(out, s);
            }
            out.writeBoolean(c.consoleSession());
            for (String s : new String[] {i.roleArn(), i.sessionArn(), i.sessionName(), i.sourceIdentity(), i.subject(),
                i.provider()}) {
                IdentityCodec.str(out, s);
            }
            out.writeByte(i.mfa() == null ? 0 : i.mfa() ? 1 : 2);
            out.writeLong(i.issuedAt());
            out.writeLong(i.expiresAt());
            for (String s : new String[] {i.targetAccount(), i.recordAccount(), i.eventID(), i.sharedEventID(), i.requestID()}) {
                IdentityCodec.str(out, s);
            }
        });
    }

    static byte[] switchLink(CredentialLedger.SwitchLink s) {
        return write(out -> {
            out.writeByte(SWITCH);
            IdentityCodec.str(out, s.sessionArn());
            out.writeLong(s.startMillis());
            IdentityCodec.str(out, s.fromUserArn());
        });
    }

    /** Adds an entry to a ledger, as the core's ledger records it from its event. */
    static void addTo(CredentialLedger ledger, byte[] entry) {
        read(entry, in -> {
            if (in.readByte() == SWITCH) {
                ledger.recordSwitch(IdentityCodec.str(in), in.readLong(), IdentityCodec.str(in));
            } else {
                ledger.record(issuance(in));
            }
            return null;
        });
    }

    static Issuance issuanceOf(byte[] entry) {
        return read(entry, in -> in.readByte() == SWITCH ? null : issuance(in));
    }

    private static Issuance issuance(DataInput in) throws IOException {
        IssuanceKind kind = IssuanceKind.valueOf(in.readUTF());
        String key = IdentityCodec.str(in);
        String[] c = new String[10];
        for (int k = 0; k < c.length; k++) {
            c[k] = IdentityCodec.str(in);
        }
        Caller caller = new Caller(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], in.readBoolean());
        String[] s = new String[6];
        for (int k = 0; k < s.length; k++) {
            s[k] = IdentityCodec.str(in);
        }
        byte mfa = in.readByte();
        long issued = in.readLong();
        long expires = in.readLong();
        String[] t = new String[5];
        for (int k = 0; k < t.length; k++) {
            t[k] = IdentityCodec.str(in);
        }
        return new Issuance(kind, key, caller, s[0], s[1], s[2], s[3], s[4], s[5], mfa == 0 ? null : mfa == 1, issued,
                expires, t[0], t[1], t[2], t[3], t[4]);
    }

    // ---- plumbing ----

    private static void fields(DataOutput out, Map<String, String> f) throws IOException {
        out.writeInt(f == null ? -1 : f.size());
        if (f != null) {
            for (Map.Entry<String, String> e : f.entrySet()) {
                IdentityCodec.str(out, e.getKey());
                IdentityCodec.str(out, e.getValue());
            }
        }
    }

    private static Map<String, String> fields(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        Map<String, String> f = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            f.put(IdentityCodec.str(in), IdentityCodec.str(in));
        }
        return f;
    }

    interface Writer {
        void write(DataOutput out) throws IOException;
    }

    interface Reader<T> {
        T read(DataInput in) throws IOException;
    }

    /**
     * Each thread's spare output buffer: every message is written into it and copied out at its
     * size. Flink's serializers, not java.io's streams, whose every byte goes through a
     * synchronized call; a writer that writes another message while writing one gets a new buffer.
     */
    private static final ThreadLocal<DataOutputSerializer> SPARE = new ThreadLocal<>();
    private static final int KEPT_BUFFER = 1 << 20;

    static byte[] write(Writer w) {
        DataOutputSerializer out = SPARE.get();
        if (out == null) {
            out = new DataOutputSerializer(512);
        } else {
            SPARE.set(null);
        }
        try {
            w.write(out);
            return out.getCopyOfBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (out.length() <= KEPT_BUFFER) { // a huge message does not keep its buffer
                out.clear();
                SPARE.set(out);
            }
        }
    }

    static <T> T read(byte[] b, Reader<T> r) {
        try {
            return r.read(new DataInputDeserializer(b));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt job message", e);
        }
    }
}
