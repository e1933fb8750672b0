package io.trailhound.flink;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.ingest.BadRecord;
import io.trailhound.core.ingest.InputSource;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.ingest.RecordHandler;
import io.trailhound.core.ingest.RecordReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;

/**
 * CloudTrail files for Flink's {@code FileSource}, read by the core's {@link RecordReader}: every
 * shape the CLI reads (gzip, {@code {"Records":[...]}}, arrays, JSON Lines), the same limits and
 * the same quarantine reasons. Files are not split (gzip and JSON documents cannot be entered in
 * the middle); a checkpoint remembers how many items of the file were emitted, and a restore reads
 * the file again and skips them.
 */
final class CloudTrailFormat implements BulkFormat<Item, FileSourceSplit> {
    private static final long serialVersionUID = 1L;
    private static final int BATCH = 256;
    /**
     * The threads files are read on, kept between files (a trail is mostly small files; a thread
     * started for each was a cost of its own); daemons, ended after a minute idle.
     */
    private static final java.util.concurrent.ExecutorService READERS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "trailhound-read");
        t.setDaemon(true);
        return t;
    });

    /** The CLI's default limits (record size, nesting, inflate ratio): made on the task, as ReadLimits is not serializable. */
    private transient ReadLimits limits;
    /** Readers keep their buffers from file to file; each file's thread borrows one. */
    private transient java.util.Queue<RecordReader> readers;
    /** The paths as given, by their absolute form: a file named there is not one found by walking a directory. */
    private final java.util.Map<String, String> given;

    CloudTrailFormat(java.util.Map<String, String> given) {
        this.given = java.util.Map.copyOf(given);
    }

    @Override
    public Reader<Item> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return new FileReader(split, 0);
    }

    @Override
    public Reader<Item> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        long skip = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
        return new FileReader(split, skip);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<Item> getProducedType() {
        return TypeInformation.of(Item.class);
    }

    private synchronized RecordReader borrow() {
        if (limits == null) {
            limits = ReadLimits.defaults();
            readers = new java.util.concurrent.ConcurrentLinkedQueue<>();
        }
        RecordReader r = readers.poll();
        return r != null ? r : new RecordReader(limits);
    }

    /** A local path without its scheme, else the URI. */
    static String absolute(Path p) {
        return p.toUri().getScheme() == null || "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : p.toString();
    }

    /**
     * The name alerts and quarantine entries quote, as a scan names the file: under the path it was
     * given as ({@code logs/AWSLogs/...} when {@code logs} was given), absolute only when given so.
     */
    String displayName(Path p) {
        String abs = absolute(p);
        for (java.util.Map.Entry<String, String> g : given.entrySet()) {
            String root = g.getKey();
            if (abs.equals(root)) {
                return g.getValue();
            }
            if (abs.startsWith(root.endsWith("/") ? root : root + "/")) {
                String rest = abs.substring(root.length()).replaceFirst("^/", "");
                return g.getValue().contains("://") ? g.getValue().replaceFirst("/*$", "/") + rest
                        : java.nio.file.Path.of(g.getValue()).resolve(rest).toString();
            }
        }
        return abs;
    }

    /**
     * The core reader pushes records; Flink pulls batches. The file is read on a thread of {@link #READERS}
     * that hands over whole batches through a small bounded queue (one handover per batch, not per
     * record), so memory holds a few batches, never the file.
     */
    private final class FileReader implements Reader<Item>, RecordHandler {
        private static final Item[] END = new Item[0];
        private final BlockingQueue<Item[]> queue = new ArrayBlockingQueue<>(4);
        private final java.util.concurrent.Future<?> thread;
        private final FSDataInputStream stream;
        private Item[] filling = new Item[BATCH];
        private int filled;
        private long emitted;
        private long toSkip;
        private boolean ended;
        private volatile Throwable failure;

        FileReader(FileSourceSplit split, long skip) throws IOException {
            this.toSkip = skip;
            this.emitted = skip;
            if (split instanceof FileBatch b) {
                this.stream = null; // each file of the batch is opened on the reading thread, in turn
                this.thread = READERS.submit(() -> readAll(b));
            } else {
                Path path = split.path();
                this.stream = path.getFileSystem().open(path);
                InputSource source = source(path, split.fileSize(), () -> stream);
                this.thread = READERS.submit(() -> readAll(List.of(source)));
            }
        }

        private InputSource source(Path path, long size, InputSource.Opener open) {
            return InputSource.stream(displayName(path), size, null, !given.containsKey(absolute(path)), open);
        }

        private void readAll(FileBatch b) {
            List<InputSource> sources = new java.util.ArrayList<>(b.files().size());
            for (int i = 0; i < b.files().size(); i++) {
                Path path = b.files().get(i);
                sources.add(source(path, b.size(i), () -> path.getFileSystem().open(path)));
            }
            readAll(sources);
        }

        /** The files in order, on a thread of {@link #READERS}; then the end (and any failure) is queued. */
        private void readAll(List<InputSource> sources) {
            try {
                RecordReader reader = borrow();
                for (InputSource source : sources) {
                    Thread.currentThread().setName("trailhound-read " + source.name());
                    reader.read(source, this);
                }
                readers.add(reader); // not after a failure: its buffers may be in any state
                if (filled > 0) {
                    put(java.util.Arrays.copyOf(filling, filled));
                }
            } catch (Throwable t) {
                failure = t;
            } finally {
                try {
                    queue.put(END);
                } catch (InterruptedException e) {
                    // closed: nobody reads any more
                }
            }
        }

        @Override
        public void event(CloudTrailEvent event) {
            add(Item.of(event));
        }

        @Override
        public void bad(BadRecord bad) {
            add(Item.of(bad));
        }

        private void add(Item item) {
            if (toSkip > 0) {
                toSkip--; // emitted before the checkpoint this reader was restored from
                return;
            }
            filling[filled++] = item;
            if (filled == BATCH) {
                put(filling);
                filling = new Item[BATCH];
                filled = 0;
            }
        }

        private void put(Item[] batch) {
            try {
                queue.put(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("reader closed");
            }
        }

        @Override
        public RecordIterator<Item> readBatch() throws IOException {
            if (ended) {
                return null;
            }
            Item[] batch;
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
            if (batch == END) {
                ended = true;
                if (failure != null) {
                    throw new IOException("cannot read CloudTrail file", failure);
                }
                return null;
            }
            ArrayResultIterator<Item> it = new ArrayResultIterator<>();
            it.set(batch, batch.length, CheckpointedPosition.NO_OFFSET, emitted);
            emitted += batch.length;
            return it;
        }

        @Override
        public void close() throws IOException {
            thread.cancel(true);
            if (stream != null) {
                stream.close();
            }
        }
    }
}
