package io.trailhound.flink;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.connector.file.src.AbstractFileSource;
import org.apache.flink.connector.file.src.ContinuousEnumerationSettings;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.FileSourceSplitSerializer;
import org.apache.flink.connector.file.src.PendingSplitsCheckpoint;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Flink's file source over CloudTrail files ({@link CloudTrailFormat}), each file one split, with
 * its enumerator keeping a few files queued at every reader ({@link Prefetch}). Flink's own
 * {@link FileSource} hands a reader its next file only when it asks, once its file is done: one
 * round trip to the job manager per file, and a trail is mostly small files (one per account,
 * region and five minutes), so the readers spent most of their time waiting for the next file.
 */
final class TrailFileSource extends AbstractFileSource<Item, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    /** Monitoring: the interval new files are looked for at; null reads what is there once. */
    TrailFileSource(Path[] paths, CloudTrailFormat format, Duration monitor) {
        super(paths, () -> new NonSplittingRecursiveEnumerator(TrailhoundJob::readable), FileSource.DEFAULT_SPLIT_ASSIGNER,
                format, monitor == null ? null : new ContinuousEnumerationSettings(monitor));
    }

    @Override
    public SimpleVersionedSerializer<FileSourceSplit> getSplitSerializer() {
        return FileSourceSplitSerializer.INSTANCE;
    }

    @Override
    public SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> createEnumerator(
            SplitEnumeratorContext<FileSourceSplit> context) {
        return new Prefetch<>(super.createEnumerator(context));
    }

    @Override
    public SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> restoreEnumerator(
            SplitEnumeratorContext<FileSourceSplit> context, PendingSplitsCheckpoint<FileSourceSplit> checkpoint) {
        return new Prefetch<>(super.restoreEnumerator(context, checkpoint));
    }

    /**
     * Answers a reader's first request with {@link #FILES} files, and each later one (a reader asks
     * once per file it finished) with one more, so each reader has that many files queued while
     * files remain: the next file is there when one ends. Assignment, checkpoints and monitoring
     * stay Flink's own enumerator's.
     */
    static final class Prefetch<C> implements SplitEnumerator<FileSourceSplit, C> {
        static final int FILES = 16;
        private final SplitEnumerator<FileSourceSplit, C> files;
        /** Readers that got their first files (a reader that registers again starts over). */
        private final Set<Integer> primed = new HashSet<>();

        Prefetch(SplitEnumerator<FileSourceSplit, C> files) {
            this.files = files;
        }

        @Override
        public void handleSplitRequest(int subtask, String host) {
            int n = primed.add(subtask) ? FILES : 1;
            for (int i = 0; i < n; i++) {
                files.handleSplitRequest(subtask, host);
            }
        }

        @Override
        public void addReader(int subtask) {
            primed.remove(subtask);
            files.addReader(subtask);
        }

        @Override
        public void start() {
            files.start();
        }

        @Override
        public void addSplitsBack(List<FileSourceSplit> splits, int subtask) {
            files.addSplitsBack(splits, subtask);
        }

        @Override
        public C snapshotState(long checkpointId) throws Exception {
            return files.snapshotState(checkpointId);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            files.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void notifyCheckpointAborted(long checkpointId) throws Exception {
            files.notifyCheckpointAborted(checkpointId);
        }

        @Override
        public void handleSourceEvent(int subtask, SourceEvent event) {
            files.handleSourceEvent(subtask, event);
        }

        @Override
        public void close() throws IOException {
            files.close();
        }
    }
}
