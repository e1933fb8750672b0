package io.trailhound.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local listing finds what Flink's own finds: the same files, sizes and names, the same left out. */
class LocalFilesTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void findsTheFilesFlinksListingFinds() throws Exception {
        java.nio.file.Path day = Files.createDirectories(dir.resolve("logs/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/01"));
        Files.writeString(day.resolve("a.json"), "{\"Records\":[]}");
        Files.writeString(day.resolve("b 100% odd#x.json"), "{\"Records\":[{}]}"); // names are attacker-controlled
        Files.writeString(day.resolve(".hidden.json"), "{}");
        java.nio.file.Path digest = Files.createDirectories(dir.resolve("logs/AWSLogs/111122223333/CloudTrail-Digest/us-east-1"));
        Files.writeString(digest.resolve("d.json.gz"), "x");
        Files.createDirectories(dir.resolve("logs/empty"));
        java.nio.file.Path single = Files.writeString(dir.resolve("one.json"), "{\"Records\":[{},{}]}");
        Path[] paths = {new Path(dir.resolve("logs").toUri()), new Path(single.toUri())};

        Collection<FileSourceSplit> ours = new LocalFiles(TrailhoundJob::readable).enumerateSplits(paths, 1);
        Collection<FileSourceSplit> flinks = new NonSplittingRecursiveEnumerator(TrailhoundJob::readable).enumerateSplits(paths, 1);
        assertThat(described(ours)).hasSize(3).containsExactlyInAnyOrderElementsOf(described(flinks));
        assertThat(ours.stream().map(FileSourceSplit::splitId).distinct()).hasSize(3);
        // the display name a quarantine entry quotes comes from the path: the odd name reads back as it is
        assertThat(ours.stream().map(s -> CloudTrailFormat.absolute(s.path()))).contains(day.resolve("b 100% odd#x.json").toString());
    }

    /** Flink's listing takes a name with a colon for a URI scheme and fails the job; ours names it as the file it is. */
    @Test
    void aColonInAFileNameIsJustACharacter() throws Exception {
        java.nio.file.Path odd = Files.writeString(Files.createDirectories(dir.resolve("logs")).resolve("x:y.json"), "{}");
        Collection<FileSourceSplit> ours = new LocalFiles(TrailhoundJob::readable).enumerateSplits(
                new Path[] {new Path(dir.resolve("logs").toUri())}, 1);
        assertThat(ours).singleElement().satisfies(s -> {
            assertThat(CloudTrailFormat.absolute(s.path())).isEqualTo(odd.toString());
            assertThat(s.path().getFileSystem().open(s.path()).read()).isEqualTo('{');
        });
    }

    private static List<String> described(Collection<FileSourceSplit> splits) {
        return splits.stream().map(s -> CloudTrailFormat.absolute(s.path()) + " " + s.fileSize() + " " + s.length() + " "
                + s.offset() + " " + s.fileModificationTime()).toList();
    }
}
