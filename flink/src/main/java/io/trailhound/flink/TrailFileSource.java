package io.trailhound.flink;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.connector.file.src.AbstractFileSource;
import org.apache.flink.connector.file.src.ContinuousEnumerationSettings;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.PendingSplitsCheckpoint;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;

/**
 * Flink's file source over CloudTrail files ({@link CloudTrailFormat}): in a backfill several files
 * to a split ({@link FileBatch}), when monitoring each file one split; its enumerator keeps a few
 * splits queued at every reader ({@link Prefetch}). Flink's own {@link FileSource} hands a reader
 * its next split only when it asks, once its split is done: one round trip to the job manager per
 * split, and a trail is mostly small files (one per account, region and five minutes), so the
 * readers spent most of their time waiting for the next file.
 */
final class TrailFileSource extends AbstractFileSource<Item, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    /** Monitoring: the interval new files are looked for at; null reads what is there once. */
    TrailFileSource(Path[] paths, CloudTrailFormat format, Duration monitor) {
        super(paths, monitor == null ? TrailFileSource::batches : TrailFileSource::files, FileSource.DEFAULT_SPLIT_ASSIGNER,
                format, monitor == null ? null : new ContinuousEnumerationSettings(monitor));
    }

    /** Each file a split: a monitoring source tells the files it has seen by their split. */
    private static FileEnumerator files() {
        return new LocalFiles(TrailhoundJob::readable);
    }

    /** A backfill reads its files in {@link FileBatch}es. */
    private static FileEnumerator batches() {
        return new FileBatch.Grouping(files());
    }

    @Override
    public SimpleVersionedSerializer<FileSourceSplit> getSplitSerializer() {
        return FileBatch.Serializer.INSTANCE;
    }

    @Override
    public SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> createEnumerator(
            SplitEnumeratorContext<FileSourceSplit> context) {
        Prefetch.NoMoreOnce once = new Prefetch.NoMoreOnce(context);
        return new Prefetch<>(super.createEnumerator(once), once);
    }

    @Override
    public SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> restoreEnumerator(
            SplitEnumeratorContext<FileSourceSplit> context, PendingSplitsCheckpoint<FileSourceSplit> checkpoint) {
        Prefetch.NoMoreOnce once = new Prefetch.NoMoreOnce(context);
        return new Prefetch<>(super.restoreEnumerator(once, checkpoint), once);
    }

    /**
     * Answers a reader's first request with {@link #FILES} files, and each later one (a reader asks
     * once per file it finished) with one more, so each reader has that many files queued while
     * files remain: the next file is there when one ends. Assignment, checkpoints and monitoring
     * stay Flink's own enumerator's. A reader is told once that no files are left, and its later
     * requests (for the files it still holds) go unanswered: a reader that has finished may be
     * gone, and an event sent to it would fail the job.
     */
    static final class Prefetch<C> implements SplitEnumerator<FileSourceSplit, C> {
        static final int FILES = 16;
        private final SplitEnumerator<FileSourceSplit, C> files;
        private final NoMoreOnce once;
        /** Readers that got their first files (a reader that registers again starts over). */
        private final Set<Integer> primed = new HashSet<>();

        Prefetch(SplitEnumerator<FileSourceSplit, C> files, NoMoreOnce once) {
            this.files = files;
            this.once = once;
        }

        @Override
        public void handleSplitRequest(int subtask, String host) {
            int n = primed.add(subtask) ? FILES : 1;
            for (int i = 0; i < n && !once.told.contains(subtask); i++) {
                files.handleSplitRequest(subtask, host);
            }
        }

        @Override
        public void addReader(int subtask) {
            primed.remove(subtask);
            once.told.remove(subtask);
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

        /** The context Flink's enumerator works in, telling each reader at most once that no files are left. */
        static final class NoMoreOnce implements SplitEnumeratorContext<FileSourceSplit> {
            private final SplitEnumeratorContext<FileSourceSplit> context;
            /** Readers told (all calls come on the coordinator's thread). */
            final Set<Integer> told = new HashSet<>();

            NoMoreOnce(SplitEnumeratorContext<FileSourceSplit> context) {
                this.context = context;
            }

            @Override
            public void signalNoMoreSplits(int subtask) {
                if (told.add(subtask)) {
                    context.signalNoMoreSplits(subtask);
                }
            }

            @Override
            public SplitEnumeratorMetricGroup metricGroup() {
                return context.metricGroup();
            }

            @Override
            public void sendEventToSourceReader(int subtask, SourceEvent event) {
                context.sendEventToSourceReader(subtask, event);
            }

            @Override
            public void sendEventToSourceReader(int subtask, int attempt, SourceEvent event) {
                context.sendEventToSourceReader(subtask, attempt, event);
            }

            @Override
            public int currentParallelism() {
                return context.currentParallelism();
            }

            @Override
            public Map<Integer, ReaderInfo> registeredReaders() {
                return context.registeredReaders();
            }

            @Override
            public Map<Integer, Map<Integer, ReaderInfo>> registeredReadersOfAttempts() {
                return context.registeredReadersOfAttempts();
            }

            @Override
            public void assignSplits(SplitsAssignment<FileSourceSplit> assignment) {
                context.assignSplits(assignment);
            }

            @Override
            public <T> void callAsync(Callable<T> call, BiConsumer<T, Throwable> handler) {
                context.callAsync(call, handler);
            }

            @Override
            public <T> void callAsync(Callable<T> call, BiConsumer<T, Throwable> handler, long initialDelay, long period) {
                context.callAsync(call, handler, initialDelay, period);
            }

            @Override
            public void runInCoordinatorThread(Runnable runnable) {
                context.runInCoordinatorThread(runnable);
            }

            @Override
            public void setIsProcessingBacklog(boolean backlog) {
                context.setIsProcessingBacklog(backlog);
            }
        }
    }
}
