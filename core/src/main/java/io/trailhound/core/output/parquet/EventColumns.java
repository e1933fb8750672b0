package io.trailhound.core.output.parquet;

import io.trailhound.core.output.parquet.ParquetColumn.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The events layout's columns (public: later releases add, never rename), named as the store's
 * columns and {@code export --format parquet}: the event's hot columns, its origin, {@code chain}
 * and {@code anomalies} as JSON text, and {@code raw}, the record. {@code eventTime} is
 * TIMESTAMP(MILLIS, UTC); {@code byteOffset} INT64; the rest UTF-8 strings, dictionary-encoded
 * where their values repeat. The partition (account, date) is in the directory names.
 * Also the credential-updates table's columns, for hosts that emit an answer's change apart
 * from the events (the Flink job).
 */
public final class EventColumns {
    public static final List<ParquetColumn> EVENTS = List.of(
            ParquetColumn.optional("eventID", Type.STRING),
            ParquetColumn.required("eventTime", Type.TIMESTAMP_MILLIS),
            dict("eventSource"), dict("eventName"), dict("awsRegion"), dict("sourceIPAddress"), dict("userAgent"),
            dict("errorCode"), dict("recipientAccountId"), dict("identityType"), dict("identityArn"),
            dict("identityAccountId"), dict("accessKeyId"), dict("sessionIssuerArn"), dict("sourceFile"),
            ParquetColumn.optional("byteOffset", Type.INT64),
            dict("originType"), dict("originArn"), dict("originName"), dict("originLabel"), dict("originProvider"),
            dict("originAccount"), dict("confidence"), dict("reason"), dict("chain"), dict("anomalies"),
            ParquetColumn.optional("raw", Type.STRING));

    /**
     * The store's events (its {@code events} view reads them): the hot columns as {@link #EVENTS}, the
     * record as {@code raw}, and {@code credentialId}, the row of the store's {@code credentials} table
     * that holds the event's origin (so a later issuance changes one row, not the files). The columns
     * and their order are those of the store's {@code events} table before it moved to files;
     * {@code eventTime} is a timestamp without a zone holding the UTC time, as it was there.
     * {@code eventID} has a bloom filter per row group, so a lookup by eventID (unique values, which
     * min/max statistics cannot prune) reads the row group that has it and skips the others.
     */
    public static final List<ParquetColumn> STORE = List.of(
            ParquetColumn.optional("eventID", Type.STRING).withBloomFilter(),
            ParquetColumn.required("eventTime", Type.TIMESTAMP_MILLIS_NO_ZONE),
            dict("eventSource"), dict("eventName"), dict("awsRegion"), dict("sourceIPAddress"), dict("userAgent"),
            dict("errorCode"), dict("recipientAccountId"), dict("identityType"), dict("identityArn"),
            dict("identityAccountId"), dict("accessKeyId"), dict("sessionIssuerArn"), dict("sourceFile"),
            ParquetColumn.optional("byteOffset", Type.INT64),
            ParquetColumn.optional("raw", Type.STRING),
            dict("credentialId"));

    /** The credential-updates table: a credential's answer changed after its events were written. */
    public static final List<ParquetColumn> UPDATES = List.of(
            ParquetColumn.required("credentialId", Type.STRING),
            dict("accessKeyId"), dict("identityArn"),
            ParquetColumn.required("eventTime", Type.TIMESTAMP_MILLIS),
            ParquetColumn.required("updatedAt", Type.TIMESTAMP_MILLIS),
            dict("originType"), dict("originArn"), dict("originName"), dict("originLabel"), dict("originProvider"),
            dict("originAccount"), dict("confidence"), dict("reason"), dict("chain"), dict("anomalies"));

    /** The events columns' names, in order. */
    public static final List<String> NAMES = names(EVENTS);

    private EventColumns() {
    }

    private static ParquetColumn dict(String name) {
        return ParquetColumn.optional(name, Type.STRING).withDictionary();
    }

    private static List<String> names(List<ParquetColumn> cs) {
        List<String> n = new ArrayList<>(cs.size());
        for (ParquetColumn c : cs) {
            n.add(c.name());
        }
        return List.copyOf(n);
    }

    /** One row of {@link #EVENTS}. */
    public static void writeEvent(ParquetFileWriter w, EventRow r) {
        hot(w, r);
        origin(w, 16, r);
        w.setUtf8(26, r.raw);
        w.endRow();
    }

    /** Columns 0 to 15: the event's hot columns, the same in {@link #EVENTS} and {@link #STORE}. */
    private static void hot(ParquetFileWriter w, EventRow r) {
        w.set(0, r.eventID);
        w.set(1, r.eventTime);
        w.set(2, r.eventSource);
        w.set(3, r.eventName);
        w.set(4, r.awsRegion);
        w.set(5, r.sourceIPAddress);
        w.set(6, r.userAgent);
        w.set(7, r.errorCode);
        w.set(8, r.recipientAccountId);
        w.set(9, r.identityType);
        w.set(10, r.identityArn);
        w.set(11, r.identityAccountId);
        w.set(12, r.accessKeyId);
        w.set(13, r.sessionIssuerArn);
        w.set(14, r.sourceFile);
        if (r.byteOffset == null) {
            w.setNull(15);
        } else {
            w.set(15, r.byteOffset.longValue());
        }
    }

    /** One row of {@link #STORE}: {@code r}'s event columns, its raw record and its {@code credentialId}. */
    public static void writeStoreEvent(ParquetFileWriter w, EventRow r) {
        hot(w, r);
        w.setUtf8(16, r.raw);
        w.set(17, r.credentialId);
        w.endRow();
    }

    /** One row of {@link #UPDATES}. */
    public static void writeUpdate(ParquetFileWriter w, EventRow r) {
        w.set(0, r.credentialId);
        w.set(1, r.accessKeyId);
        w.set(2, r.identityArn);
        w.set(3, r.eventTime);
        w.set(4, r.updatedAt);
        origin(w, 5, r);
        w.endRow();
    }

    private static void origin(ParquetFileWriter w, int at, EventRow r) {
        w.set(at, r.originType);
        w.set(at + 1, r.originArn);
        w.set(at + 2, r.originName);
        w.set(at + 3, r.originLabel);
        w.set(at + 4, r.originProvider);
        w.set(at + 5, r.originAccount);
        w.set(at + 6, r.confidence);
        w.set(at + 7, r.reason);
        w.set(at + 8, r.chain);
        w.set(at + 9, r.anomalies);
    }
}
