package io.trailhound.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.junit.jupiter.api.Test;

/** The file source's enumerator keeps files queued at each reader rather than one at a time. */
class TrailFileSourceTest {
    /**
     * Flink's enumerator as the prefetch sees it: each request it gets, by reader; with
     * {@code files} left, each request takes one, then it tells the reader that none are left.
     */
    static final class Requests implements SplitEnumerator<FileSourceSplit, Void> {
        final List<Integer> asked = new ArrayList<>();
        final SplitEnumeratorContext<FileSourceSplit> context;
        int files;

        Requests(SplitEnumeratorContext<FileSourceSplit> context, int files) {
            this.context = context;
            this.files = files;
        }

        @Override
        public void handleSplitRequest(int subtask, String host) {
            asked.add(subtask);
            if (files > 0) {
                files--;
            } else {
                context.signalNoMoreSplits(subtask);
            }
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
        Requests files = new Requests(null, 1_000);
        TrailFileSource.Prefetch<Void> prefetch = new TrailFileSource.Prefetch<>(files, new TrailFileSource.Prefetch.NoMoreOnce(null));
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

    @Test
    void aReaderIsToldOnceThatNoFilesAreLeftAndItsLaterRequestsGoUnanswered() {
        List<Integer> told = new ArrayList<>();
        SplitEnumeratorContext<FileSourceSplit> context = (SplitEnumeratorContext<FileSourceSplit>) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {SplitEnumeratorContext.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("signalNoMoreSplits")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    told.add((Integer) args[0]);
                    return null;
                });
        TrailFileSource.Prefetch.NoMoreOnce once = new TrailFileSource.Prefetch.NoMoreOnce(context);
        Requests files = new Requests(once, 3);
        TrailFileSource.Prefetch<Void> prefetch = new TrailFileSource.Prefetch<>(files, once);
        prefetch.addReader(0);
        prefetch.handleSplitRequest(0, null);
        // three files, then "none left", and no more asking on this request
        assertThat(files.asked).hasSize(4);
        assertThat(told).containsExactly(0);
        prefetch.handleSplitRequest(0, null); // it finished a file: nothing is sent to it again
        prefetch.handleSplitRequest(0, null);
        assertThat(files.asked).hasSize(4);
        assertThat(told).containsExactly(0);
        // restarted after a failure, with files given back: it asks again, and is told again at the end
        files.files = 1;
        prefetch.addReader(0);
        prefetch.handleSplitRequest(0, null);
        assertThat(files.asked).hasSize(6);
        assertThat(told).containsExactly(0, 0);
    }
}
