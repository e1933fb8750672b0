package io.trailhound.flink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.FileSourceSplitSerializer;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Several CloudTrail files as one split, read one after the other: a trail is thousands of small
 * files, and Flink's split handling (a request to the job manager, an assignment back, a split's
 * own output and state on the reader) cost per split about what decoding a small file costs. A
 * checkpoint remembers how many items of the whole batch were emitted; a restore reads the batch's
 * files again in the same order and skips them. Only a backfill reads batches: a monitoring
 * source remembers the files it has seen by a split's path, so there each file stays a split.
 */
final class FileBatch extends FileSourceSplit {
    private static final long serialVersionUID = 1L;
    /** At most this many files, and at most {@link #MAX_BYTES} (the first file alone may exceed it), per batch. */
    static final int MAX_FILES = 64;
    static final long MAX_BYTES = 64L << 20;
    /** Batches per reader at least, while files allow: readers that finish early take others' batches. */
    static final int PER_READER = 8;

    private final List<Path> files;
    private final long[] sizes;

    FileBatch(String id, List<Path> files, long[] sizes, long modified, CheckpointedPosition position) {
        super(id, files.get(0), 0, total(sizes), modified, total(sizes), new String[0], position);
        this.files = List.copyOf(files);
        this.sizes = sizes.clone();
    }

    List<Path> files() {
        return files;
    }

    long size(int i) {
        return sizes[i];
    }

    @Override
    public FileSourceSplit updateWithCheckpointedPosition(CheckpointedPosition position) {
        return new FileBatch(splitId(), files, sizes, fileModificationTime(), position);
    }

    @Override
    public String toString() {
        return "FileBatch[" + splitId() + ", " + files.size() + " files from " + path() + "]";
    }

    private static long total(long[] sizes) {
        long t = 0;
        for (long s : sizes) {
            t += s;
        }
        return t;
    }

    /**
     * Groups the files another enumerator finds, in its order, into batches: enough of them that
     * each of {@code readers} gets {@link #PER_READER}, none over {@link #MAX_FILES} files or
     * {@link #MAX_BYTES}.
     */
    static final class Grouping implements FileEnumerator {
        private final FileEnumerator files;

        Grouping(FileEnumerator files) {
            this.files = files;
        }

        @Override
        public Collection<FileSourceSplit> enumerateSplits(Path[] paths, int readers) throws IOException {
            return group(new ArrayList<>(files.enumerateSplits(paths, readers)), readers);
        }

        static List<FileSourceSplit> group(List<FileSourceSplit> found, int readers) {
            int per = (int) Math.max(1, Math.min(MAX_FILES, Math.ceil(found.size() / (double) (Math.max(1, readers) * PER_READER))));
            List<FileSourceSplit> out = new ArrayList<>();
            List<FileSourceSplit> batch = new ArrayList<>(per);
            long bytes = 0;
            for (FileSourceSplit f : found) {
                if (!batch.isEmpty() && (batch.size() == per || bytes + f.fileSize() > MAX_BYTES)) {
                    out.add(of(batch));
                    batch.clear();
                    bytes = 0;
                }
                batch.add(f);
                bytes += f.fileSize();
            }
            if (!batch.isEmpty()) {
                out.add(of(batch));
            }
            return out;
        }

        private static FileBatch of(List<FileSourceSplit> batch) {
            List<Path> paths = new ArrayList<>(batch.size());
            long[] sizes = new long[batch.size()];
            long modified = Long.MIN_VALUE;
            for (int i = 0; i < sizes.length; i++) {
                paths.add(batch.get(i).path());
                sizes[i] = batch.get(i).fileSize();
                modified = Math.max(modified, batch.get(i).fileModificationTime());
            }
            return new FileBatch(batch.get(0).splitId(), paths, sizes, modified, null); // the first file's ID is unique
        }
    }

    /**
     * A split on the wire and in checkpoints: a split of one file in Flink's own form (Flink's
     * serializer takes no subclass), a batch as its ID, files and position. Version 1 is Flink's
     * form alone, as the job wrote its splits before batches: a savepoint from then still restores.
     */
    static final class Serializer implements SimpleVersionedSerializer<FileSourceSplit> {
        static final Serializer INSTANCE = new Serializer();
        private static final int VERSION = 2;
        private static final byte ONE_FILE = 0;
        private static final byte BATCH = 1;

        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(FileSourceSplit split) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(256);
            if (!(split instanceof FileBatch b)) {
                out.writeByte(ONE_FILE);
                out.write(FileSourceSplitSerializer.INSTANCE.serialize(split));
                return out.getCopyOfBuffer();
            }
            out.writeByte(BATCH);
            out.writeUTF(b.splitId());
            out.writeLong(b.fileModificationTime());
            CheckpointedPosition at = b.getReaderPosition().orElse(null);
            out.writeBoolean(at != null);
            if (at != null) {
                out.writeLong(at.getOffset());
                out.writeLong(at.getRecordsAfterOffset());
            }
            out.writeInt(b.files.size());
            for (int i = 0; i < b.files.size(); i++) {
                Path.serializeToDataOutputView(b.files.get(i), out);
                out.writeLong(b.sizes[i]);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public FileSourceSplit deserialize(int version, byte[] bytes) throws IOException {
            if (version == 1) {
                return FileSourceSplitSerializer.INSTANCE.deserialize(version, bytes);
            }
            if (version != VERSION) {
                throw new IOException("unknown split serialization version " + version);
            }
            if (bytes[0] == ONE_FILE) {
                return FileSourceSplitSerializer.INSTANCE.deserialize(FileSourceSplitSerializer.INSTANCE.getVersion(),
                        java.util.Arrays.copyOfRange(bytes, 1, bytes.length));
            }
            DataInputDeserializer in = new DataInputDeserializer(bytes, 1, bytes.length - 1);
            String id = in.readUTF();
            long modified = in.readLong();
            CheckpointedPosition at = in.readBoolean() ? new CheckpointedPosition(in.readLong(), in.readLong()) : null;
            int n = in.readInt();
            List<Path> files = new ArrayList<>(n);
            long[] sizes = new long[n];
            for (int i = 0; i < n; i++) {
                files.add(Path.deserializeFromDataInputView(in));
                sizes[i] = in.readLong();
            }
            return new FileBatch(id, files, sizes, modified, at);
        }
    }
}
