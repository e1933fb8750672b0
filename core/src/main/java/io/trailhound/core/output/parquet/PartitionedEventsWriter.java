package io.trailhound.core.output.parquet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes attributed events into the events layout under a directory:
 * {@code account=<id>/date=<yyyy-mm-dd>/part-<uuid>.parquet}, one open file per partition seen.
 * A file is written under a hidden temporary name ({@code .part-<uuid>.parquet.inprogress}) and
 * renamed when complete, so a reader listing {@code *.parquet} never sees a partial file. At most
 * {@code maxOpen} files are open (the least recently written is completed first), so memory is at
 * most that many row groups. A write error fails the writer: its temporary files are deleted and
 * the error surfaces. A completed file's buffers go to the next file opened ({@link #cut}: files
 * are completed in batches while the writer goes on). Not thread-safe: one per writing thread.
 */
public final class PartitionedEventsWriter implements AutoCloseable {
    public static final int DEFAULT_MAX_OPEN = 32;
    public static final long DEFAULT_ROW_GROUP_BYTES = 8L << 20;

    /** A completed file: where it is, its rows and its events' earliest and latest eventTime (epoch ms). */
    public record WrittenFile(Path path, long rows, long minTime, long maxTime) {
    }

    private final Path root;
    private final List<ParquetColumn> columns;
    private final java.util.function.BiConsumer<ParquetFileWriter, EventRow> writeRow;
    private final Compression compression;
    private final long rowGroupBytes;
    private final int maxOpen;
    private final LinkedHashMap<String, Part> open = new LinkedHashMap<>(16, 0.75f, true);
    private final List<WrittenFile> written = new ArrayList<>();
    /** Writers of completed files, whose buffers the next files take (with the open ones, at most {@code maxOpen}). */
    private final java.util.ArrayDeque<ParquetFileWriter> spare = new java.util.ArrayDeque<>();
    /** The page buffers every file of this writer encodes and compresses in (one thread writes them all). */
    private final ParquetFileWriter.Scratch scratch = new ParquetFileWriter.Scratch();
    private Part last;
    private String lastAccount;
    private long lastDay = Long.MIN_VALUE;
    private long rows;
    private boolean failed;

    public PartitionedEventsWriter(Path root, Compression compression, long rowGroupBytes, int maxOpen) {
        this(root, EventColumns.EVENTS, EventColumns::writeEvent, compression, rowGroupBytes, maxOpen);
    }

    /** As above, with the files' columns and how a row fills them (e.g. {@link EventColumns#STORE}). */
    public PartitionedEventsWriter(Path root, List<ParquetColumn> columns,
                                   java.util.function.BiConsumer<ParquetFileWriter, EventRow> writeRow,
                                   Compression compression, long rowGroupBytes, int maxOpen) {
        this.root = root;
        this.columns = columns;
        this.writeRow = writeRow;
        this.compression = compression;
        this.rowGroupBytes = rowGroupBytes;
        this.maxOpen = Math.max(1, maxOpen);
    }

    public PartitionedEventsWriter(Path root) {
        this(root, Compression.ZSTD, DEFAULT_ROW_GROUP_BYTES, DEFAULT_MAX_OPEN);
    }

    /** One event row into its partition's open file. */
    public void write(EventRow r) {
        if (failed) {
            throw new IllegalStateException("the events writer failed earlier");
        }
        try {
            Part p = part(r);
            writeRow.accept(p.parquet, r);
            p.rows++;
            p.minTime = Math.min(p.minTime, r.eventTime);
            p.maxTime = Math.max(p.maxTime, r.eventTime);
            rows++;
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    private Part part(EventRow r) {
        long day = r.day();
        String account = r.recipientAccountId;
        // Events come in runs of one account and day (a CloudTrail file is one account, one hour).
        if (last != null && day == lastDay && java.util.Objects.equals(account, lastAccount) && last.open) {
            return last;
        }
        String dir = EventRow.partition(r.partitionAccount(), day);
        Part p = open.get(dir);
        if (p == null) {
            if (open.size() >= maxOpen) {
                Iterator<Map.Entry<String, Part>> eldest = open.entrySet().iterator();
                Part done = eldest.next().getValue();
                eldest.remove();
                complete(done);
            }
            p = new Part(root.resolve(dir), columns, compression, rowGroupBytes, spare.poll(), scratch);
            open.put(dir, p);
        }
        last = p;
        lastAccount = account;
        lastDay = day;
        return p;
    }

    private void complete(Part p) {
        try {
            written.add(p.complete());
            keep(p);
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException("cannot complete " + p.temp, e);
        }
    }

    private void keep(Part done) {
        if (open.size() + spare.size() < maxOpen) {
            spare.push(done.parquet);
        }
    }

    /**
     * Completes every open file and returns the files completed since the last cut (all of them,
     * the first time); the writer takes more rows afterwards, into new files.
     */
    public List<WrittenFile> cut() {
        close();
        List<WrittenFile> out = List.copyOf(written);
        written.clear();
        return out;
    }

    /** Rows written so far. */
    public long rows() {
        return rows;
    }

    /** The files completed so far (all of them after {@link #close}). */
    public List<Path> files() {
        List<Path> paths = new ArrayList<>(written.size());
        for (WrittenFile f : written) {
            paths.add(f.path());
        }
        return paths;
    }

    /** The files completed so far with their rows and time span (all of them after {@link #close}). */
    public List<WrittenFile> written() {
        return List.copyOf(written);
    }

    /** Completes every open file (each renamed to its final name); rows written afterwards go into new files. */
    @Override
    public void close() {
        if (failed) {
            return;
        }
        List<Part> parts = new ArrayList<>(open.values());
        open.clear();
        last = null;
        for (Part p : parts) {
            try {
                written.add(p.complete());
                keep(p);
            } catch (IOException e) {
                failed = true;
                for (Part q : parts) {
                    q.discard();
                }
                throw new UncheckedIOException("cannot complete " + p.temp, e);
            }
        }
    }

    /** Gives up: deletes every file not yet completed. */
    public void abort() {
        failed = true;
        for (Part p : open.values()) {
            p.discard();
        }
        open.clear();
        last = null;
    }

    /** One partition's file being written. */
    private static final class Part {
        final Path temp;
        final Path target;
        final ParquetFileWriter parquet;
        boolean open = true;
        long rows;
        long minTime = Long.MAX_VALUE;
        long maxTime = Long.MIN_VALUE;

        /** {@code reuse}: a writer of a completed file whose buffers this one takes, or null. */
        Part(Path dir, List<ParquetColumn> columns, Compression compression, long rowGroupBytes, ParquetFileWriter reuse,
             ParquetFileWriter.Scratch scratch) {
            String name = "part-" + UUID.randomUUID() + ".parquet";
            target = dir.resolve(name);
            temp = dir.resolve("." + name + ".inprogress");
            try {
                Files.createDirectories(dir);
                OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
                if (reuse != null) {
                    reuse.reopen(out);
                    parquet = reuse;
                } else {
                    parquet = new ParquetFileWriter(out, columns, compression, rowGroupBytes, scratch);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + temp, e);
            }
        }

        WrittenFile complete() throws IOException {
            open = false;
            parquet.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            }
            return new WrittenFile(target, rows, minTime, maxTime);
        }

        void discard() {
            open = false;
            parquet.abort();
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing more to do: a hidden .inprogress file is not read as data
            }
        }
    }
}
