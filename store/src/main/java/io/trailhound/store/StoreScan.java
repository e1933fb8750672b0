package io.trailhound.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.FieldPath;
import io.trailhound.core.event.IsoInstants;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Attributor;
import io.trailhound.core.identity.CredentialLedger;
import io.trailhound.core.identity.Issuance;
import io.trailhound.core.ingest.Ingest;
import io.trailhound.core.ingest.IngestProgress;
import io.trailhound.core.ingest.IngestSummary;
import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.ingest.InputSource;
import io.trailhound.core.ingest.Quarantine;
import io.trailhound.core.scan.EventStats;
import io.trailhound.core.scan.Scan;
import io.trailhound.core.scan.ScanOptions;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A scan that persists what it reads: the scan pipeline (read, dedupe, quarantine, statistics,
 * attribution) with the store on both ends. Before reading, files whose content the ingest log
 * already holds are left out, and the attribution ledger is seeded with the stored issuances and
 * SwitchRole links; while reading, events and attributions are staged; after, the ledger's new
 * issuances, the quarantine and the ingest log are staged and the whole run is committed at once.
 */
public final class StoreScan {
    private static final FieldPath SWITCH_FROM = FieldPath.compile("additionalEventData.SwitchFrom");

    /** What the store gained from one run. */
    public record Report(String location, int schemaVersion, int filesAlreadyIngested, long issuancesSeeded,
                         long switchRolesSeeded, StoreWriter.Committed committed, EventStore.Pruned pruned,
                         long eventsInStore) {
    }

    /** The scan's usual outcome (attribution always on) and the store's. */
    public record Result(Scan.Result scan, Report store) {
    }

    private StoreScan() {
    }

    /**
     * Scans {@code paths} into {@code store}. {@code options.quarantineFile()} receives the run's
     * bad records as usual (a temporary file is used when it is null); they also go into the
     * store, and the file is deleted afterwards unless {@code keepQuarantineFile}. With
     * {@code retention} non-null, the store is pruned after the run.
     */
    public static Result run(EventStore store, List<String> paths, ScanOptions options, boolean keepQuarantineFile,
                             Duration retention, IngestProgress progress) {
        InputFinder.Found found = new InputFinder().find(paths);
        Set<String> known = store.ingestedChecksums();
        Map<InputSource, String> checksums = checksums(found.inputs(), options.threads());
        List<InputSource> toRead = new ArrayList<>();
        Set<String> thisRun = new HashSet<>();
        int already = 0;
        for (InputSource in : found.inputs()) {
            String sum = checksums.get(in);
            if (sum != null && (known.contains(sum) || !thisRun.add(sum))) {
                already++;
            } else {
                toRead.add(in);
            }
        }

        CredentialLedger ledger = new CredentialLedger();
        EventStore.Seeded seeded = store.seed(ledger);
        Path qFile = options.quarantineFile();
        boolean tempQuarantine = qFile == null;
        try {
            if (tempQuarantine) {
                qFile = Files.createTempFile("trailhound-quarantine-", ".ndjson");
                Files.delete(qFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary quarantine file", e);
        }

        Instant now = Instant.now();
        EventStats stats = new EventStats();
        Map<String, long[]> recordsBySource = new HashMap<>();
        try (StoreWriter writer = store.writer()) {
            Attributor attributor = new Attributor(writer::attribution, ledger);
            Ingest.PreparedSink<Attribution> sink = (e, first) -> {
                stats.accept(e);
                attributor.accept(e, first);
                writer.event(e);
                if (e.position() != null) {
                    recordsBySource.computeIfAbsent(e.position().source(), k -> new long[1])[0]++;
                }
                if ("SwitchRole".equals(e.eventName())) {
                    switchRole(e, writer);
                }
            };
            Quarantine quarantine = new Quarantine(qFile);
            IngestSummary summary;
            try {
                summary = new Ingest(options.limits(), options.threads())
                        .run(toRead, found.unreadable(), attributor::prepare, sink, quarantine, progress);
            } finally {
                try {
                    quarantine.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot finish quarantine file " + qFile, e);
                }
            }
            attributor.finish();
            for (Issuance i : ledger.issuances()) {
                if (!seeded.issuances().contains(i)) {
                    writer.issuance(i);
                }
            }
            Map<String, long[]> badBySource = importQuarantine(summary.quarantine(), writer, now);
            for (InputSource in : toRead) {
                String sum = checksums.get(in);
                if (sum != null) {
                    long[] r = recordsBySource.get(in.name());
                    long[] b = badBySource.get(in.name());
                    writer.ingested(sum, in.path().toAbsolutePath().toString(), in.size(), r == null ? 0 : r[0],
                            b == null ? 0 : b[0], now);
                }
            }
            StoreWriter.Committed committed = writer.commit();
            if (summary.quarantine() != null && !keepQuarantineFile) {
                Files.deleteIfExists(summary.quarantine());
                summary = new IngestSummary(summary.files(), summary.records(), summary.events(), summary.duplicates(),
                        summary.quarantined(), null, summary.skipped(), summary.unreadable(), summary.bytes(),
                        summary.byReason(), summary.seconds());
            }
            EventStore.Pruned pruned = retention == null ? null : store.prune(retention, now);
            Scan.Result scan = new Scan.Result(summary, stats, attributor.summary());
            return new Result(scan, new Report(store.location(), store.schemaVersion(), already, seeded.issuances().size(),
                    seeded.switchRoles(), committed, pruned, store.counts().get("events")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the quarantine file: " + e.getMessage(), e);
        }
    }

    /** A console SwitchRole record links the switched-to session to the user it came from (as the ledger reads it). */
    private static void switchRole(CloudTrailEvent e, StoreWriter writer) {
        if (!"signin.amazonaws.com".equals(e.eventSource()) || e.errorCode() != null || e.userIdentity().arn() == null) {
            return;
        }
        JsonNode from = e.at(SWITCH_FROM);
        if (from == null || !from.isTextual()) {
            return;
        }
        String created = e.userIdentity().sessionCreationDate();
        long start = created != null ? IsoInstants.parseMillis(created) : e.eventTimeMillis();
        if (start != Long.MIN_VALUE) {
            writer.switchRole(e.userIdentity().arn(), start, from.asText());
        }
    }

    /** Stages the run's quarantine file into the store; returns the entries per source. */
    private static Map<String, long[]> importQuarantine(Path file, StoreWriter writer, Instant now) {
        Map<String, long[]> bySource = new HashMap<>();
        if (file == null || !Files.isRegularFile(file)) {
            return bySource;
        }
        try (InputStream in = Files.newInputStream(file); JsonParser p = new JsonFactory().createParser(in)) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String reason = null, source = null, detail = null, record = null;
                long offset = 0, line = 0;
                Boolean truncated = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    switch (name) {
                        case "reason" -> reason = p.getValueAsString();
                        case "source" -> source = p.getValueAsString();
                        case "detail" -> detail = p.getValueAsString();
                        case "record" -> record = p.getValueAsString();
                        case "byteOffset" -> offset = p.getValueAsLong();
                        case "line" -> line = p.getValueAsLong();
                        case "truncated" -> truncated = t == JsonToken.VALUE_TRUE;
                        default -> p.skipChildren();
                    }
                }
                writer.quarantine(reason, source, offset, line, detail, truncated, record, now);
                if (source != null) {
                    bySource.computeIfAbsent(source, k -> new long[1])[0]++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back the quarantine file " + file, e);
        }
        return bySource;
    }

    /** SHA-256 of each file input's bytes, computed in parallel; stdin and in-memory inputs get none. */
    static Map<InputSource, String> checksums(List<InputSource> inputs, int threads) {
        Map<InputSource, String> out = new HashMap<>();
        if (inputs.isEmpty()) {
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, inputs.size())), r -> {
            Thread t = new Thread(r, "trailhound-checksum");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<InputSource, Future<String>> futures = new HashMap<>();
            for (InputSource in : inputs) {
                if (in.path() != null) {
                    futures.put(in, pool.submit(() -> sha256(in.path())));
                }
            }
            for (Map.Entry<InputSource, Future<String>> f : futures.entrySet()) {
                String sum = f.getValue().get();
                if (sum != null) {
                    out.put(f.getKey(), sum);
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checksumming inputs", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("checksumming failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The file's SHA-256 in hex, or null when it cannot be read (the scan then reports it as usual). */
    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
