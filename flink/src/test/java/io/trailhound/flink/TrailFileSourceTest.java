package io.trailhound.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.junit.jupiter.api.Test;

/** The file source's enumerator keeps files queued at each reader rather than one at a time. */
class TrailFileSourceTest {
    /** Flink's enumerator as the prefetch sees it: each request it gets, by reader. */
    static final class Requests implements SplitEnumerator<FileSourceSplit, Void> {
        final List<Integer> asked = new ArrayList<>();

        @Override
        public void handleSplitRequest(int subtask, String host) {
            asked.add(subtask);
        }

        @Override
        public void start() {
        }

        @Override
        public void addSplitsBack(List<FileSourceSplit> splits, int subtask) {
        }

        @Override
        public void addReader(int subtask) {
        }

        @Override
        public Void snapshotState(long checkpointId) {
            return null;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aReadersFirstRequestQueuesFilesAndEachLaterOneTopsThemUp() {
        Requests files = new Requests();
        TrailFileSource.Prefetch<Void> prefetch = new TrailFileSource.Prefetch<>(files);
        prefetch.addReader(0);
        prefetch.addReader(1);
        prefetch.handleSplitRequest(0, null);
        assertThat(files.asked).hasSize(TrailFileSource.Prefetch.FILES).containsOnly(0);
        prefetch.handleSplitRequest(0, null); // reader 0 finished a file
        assertThat(files.asked).hasSize(TrailFileSource.Prefetch.FILES + 1);
        prefetch.handleSplitRequest(1, null);
        assertThat(files.asked.subList(TrailFileSource.Prefetch.FILES + 1, files.asked.size()))
                .hasSize(TrailFileSource.Prefetch.FILES).containsOnly(1);
        // A reader that registers again (restarted after a failure) starts with an empty queue.
        files.asked.clear();
        prefetch.addReader(0);
        prefetch.handleSplitRequest(0, null);
        assertThat(files.asked).hasSize(TrailFileSource.Prefetch.FILES);
    }
}
