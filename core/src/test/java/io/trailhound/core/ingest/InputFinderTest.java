package io.trailhound.core.ingest;

import static io.trailhound.core.ingest.Records.*;
import static io.trailhound.core.testkit.CloudTrailFiles.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFinderTest {
    @TempDir
    Path tmp;

    private Path write(String relative, String text) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static List<String> names(InputFinder.Found found) {
        return found.inputs().stream().map(InputSource::name).toList();
    }

    private static List<String> unreadable(InputFinder.Found found) {
        return found.unreadable().stream().map(b -> b.position().source() + ": " + b.detail()).toList();
    }

    @Test
    void aFolderOfLinksToFilesReadsTheFilesTheyPointTo() throws IOException {
        Path a = write("archive/a.json", s3(records(3)));
        Path b = write("archive/b.json", s3(records(2)));
        Path picked = Files.createDirectories(tmp.resolve("picked"));
        Files.createSymbolicLink(picked.resolve("1.json"), a);
        Files.createSymbolicLink(picked.resolve("2.json"), Path.of("../archive/b.json")); // relative to the link

        InputFinder.Found found = new InputFinder().find(List.of(picked.toString()));

        assertThat(names(found)).containsExactly(picked.resolve("1.json").toString(), picked.resolve("2.json").toString());
        assertThat(found.inputs()).extracting(InputSource::size).containsExactly(Files.size(a), Files.size(b));
        assertThat(found.unreadable()).isEmpty();
        IngestSummary s = new Ingest(ReadLimits.defaults(), 1).run(found.inputs(), found.unreadable(), e -> { }, null,
                IngestProgress.NONE);
        assertThat(s.events()).isEqualTo(3);
        assertThat(s.records()).isEqualTo(5);
    }

    @Test
    void filesComeInPathOrderAndADirectoryReachedTwiceIsReadUnderItsFirstNameInThatOrder() throws IOException {
        List<String> created = List.of("logs/b/2.json", "logs/a/10.json", "logs/b/1.json", "logs/a.b/x.json",
                "logs/a/1.json", "logs/a/0.json", "logs/c.json");
        for (String name : created) {
            write(name, s3(records(1)));
        }
        Path logs = tmp.resolve("logs");
        Files.createSymbolicLink(logs.resolve("z"), logs.resolve("b"));
        Files.createSymbolicLink(logs.resolve("ab"), logs.resolve("b")); // before "b" in name order

        List<String> found = names(new InputFinder().find(List.of(logs.toString())));

        assertThat(found).containsExactly(Stream.of("a.b/x.json", "a/0.json", "a/1.json", "a/10.json", "ab/1.json",
                "ab/2.json", "c.json").map(n -> logs.resolve(n).toString()).toArray(String[]::new));
    }

    @Test
    void linksToDirectoriesAreWalkedAndARootGivenAsALinkToo() throws IOException {
        write("real/2026/01/x.json", s3(records(1)));
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Files.createSymbolicLink(logs.resolve("2026"), tmp.resolve("real/2026"));
        Path rootLink = Files.createSymbolicLink(tmp.resolve("logs-link"), logs);

        assertThat(names(new InputFinder().find(List.of(logs.toString()))))
                .containsExactly(logs.resolve("2026/01/x.json").toString());
        assertThat(names(new InputFinder().find(List.of(rootLink.toString()))))
                .containsExactly(rootLink.resolve("2026/01/x.json").toString());
    }

    @Test
    void aLoopIsReportedOnceAndADirectoryReachedTwiceIsWalkedOnce() throws IOException {
        write("logs/a/x.json", s3(records(1)));
        Path logs = tmp.resolve("logs");
        Files.createSymbolicLink(logs.resolve("a/back-to-logs"), logs);      // a loop
        Files.createSymbolicLink(logs.resolve("b"), logs.resolve("a"));      // the same directory again

        InputFinder.Found found = new InputFinder().find(List.of(logs.toString()));

        assertThat(names(found)).containsExactly(logs.resolve("a/x.json").toString());
        assertThat(unreadable(found)).containsExactly(logs.resolve("a/back-to-logs") + ": symbolic link loop: leads back "
                + "into a directory being walked; not followed");
        assertThat(found.unreadable()).allMatch(b -> b.reason() == QuarantineReason.UNREADABLE);
    }

    @Test
    void brokenLinksAreCountedAsUnreadableInWalksAndOnTheCommandLine() throws IOException {
        write("logs/good.json", s3(records(1)));
        Path dangling = Files.createSymbolicLink(tmp.resolve("logs/gone.json"), tmp.resolve("nowhere.json"));
        Path selfLoop = tmp.resolve("logs/self.json");
        Files.createSymbolicLink(selfLoop, selfLoop);

        InputFinder.Found walked = new InputFinder().find(List.of(tmp.resolve("logs").toString()));
        assertThat(names(walked)).containsExactly(tmp.resolve("logs/good.json").toString());
        assertThat(unreadable(walked)).hasSize(2);
        assertThat(unreadable(walked).get(0))
                .isEqualTo(dangling + ": broken symbolic link: its target " + tmp.resolve("nowhere.json") + " does not exist");
        assertThat(unreadable(walked).get(1))
                .startsWith(selfLoop + ": symbolic link to " + selfLoop + " cannot be followed: Too many levels of symbolic links");

        InputFinder.Found named = new InputFinder().find(List.of(dangling.toString()));
        assertThat(named.inputs()).isEmpty();
        assertThat(unreadable(named)).singleElement().asString().contains("broken symbolic link");
        IngestSummary s = new Ingest(ReadLimits.defaults(), 1).run(walked.inputs(), walked.unreadable(), e -> { }, null,
                IngestProgress.NONE);
        assertThat(s.unreadable()).isEqualTo(2);
        assertThat(s.quarantined()).isEqualTo(2);
        assertThat(s.events()).isEqualTo(1);
    }

    @Test
    void hiddenLinksAndDigestFoldersStayOutOfWalks() throws IOException {
        write("logs/CloudTrail-Digest/d.json", "{}");
        write("logs/x.json", s3(records(1)));
        Files.createSymbolicLink(tmp.resolve("logs/.hidden-gone"), tmp.resolve("nowhere"));
        InputFinder.Found found = new InputFinder().find(List.of(tmp.resolve("logs").toString()));
        assertThat(names(found)).containsExactly(tmp.resolve("logs/x.json").toString());
        assertThat(found.unreadable()).isEmpty();
    }
}
