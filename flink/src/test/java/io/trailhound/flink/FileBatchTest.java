package io.trailhound.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.FileSourceSplitSerializer;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backfill reads its files in batches: grouped in order, carried whole through checkpoints, resumed mid-batch exactly. */
class FileBatchTest {
    @TempDir
    java.nio.file.Path dir;

    private static FileSourceSplit file(int i, long size) {
        return new FileSourceSplit(String.format("%010d", i), new Path("/logs/f" + i + ".json"), 0, size, 1000L + i, size);
    }

    private static List<FileSourceSplit> files(int n, long size) {
        List<FileSourceSplit> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(file(i, size));
        }
        return out;
    }

    @Test
    void filesAreGroupedInOrderWithEnoughBatchesForEveryReader() {
        List<FileSourceSplit> batches = FileBatch.Grouping.group(files(100, 10), 2);
        // 100 files, 2 readers, 8 batches each at least: 7 files a batch
        assertThat(batches).hasSize(15).allMatch(b -> b instanceof FileBatch);
        List<Path> order = new ArrayList<>();
        for (FileSourceSplit b : batches) {
            order.addAll(((FileBatch) b).files());
            assertThat(((FileBatch) b).files().size()).isLessThanOrEqualTo(7);
            assertThat(b.path()).isEqualTo(((FileBatch) b).files().get(0));
        }
        assertThat(order).containsExactlyElementsOf(files(100, 10).stream().map(FileSourceSplit::path).toList());
        assertThat(batches.stream().map(FileSourceSplit::splitId).distinct()).hasSize(15);
        assertThat(batches.get(0).fileSize()).isEqualTo(70);
    }

    @Test
    void aBatchHoldsAtMostItsFilesAndBytes() {
        List<FileSourceSplit> many = FileBatch.Grouping.group(files(10_000, 10), 1);
        assertThat(many).hasSize(157); // 156 full, 16 files in the last
        assertThat(many.subList(0, 156)).allMatch(b -> ((FileBatch) b).files().size() == FileBatch.MAX_FILES);
        List<FileSourceSplit> big = FileBatch.Grouping.group(files(40, FileBatch.MAX_BYTES / 3), 1);
        assertThat(big).allMatch(b -> ((FileBatch) b).files().size() <= 3);
        // a file larger than the limit is a batch of its own
        assertThat(FileBatch.Grouping.group(files(3, FileBatch.MAX_BYTES * 2), 1)).hasSize(3);
    }

    @Test
    void batchesAndSingleFilesSurviveTheWireWithTheirPosition() throws Exception {
        FileBatch.Serializer s = FileBatch.Serializer.INSTANCE;
        FileBatch b = (FileBatch) FileBatch.Grouping.group(files(40, 10), 1).get(0) // 5 files
                .updateWithCheckpointedPosition(new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 42));
        FileBatch back = (FileBatch) s.deserialize(s.getVersion(), s.serialize(b));
        assertThat(back.files()).containsExactlyElementsOf(b.files());
        assertThat(back.splitId()).isEqualTo(b.splitId());
        assertThat(back.fileModificationTime()).isEqualTo(1004L);
        assertThat(back.size(3)).isEqualTo(10);
        assertThat(back.getReaderPosition()).contains(new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 42));

        FileSourceSplit one = file(7, 99);
        FileSourceSplit oneBack = s.deserialize(s.getVersion(), s.serialize(one));
        assertThat(oneBack).isNotInstanceOf(FileBatch.class);
        assertThat(oneBack.path()).isEqualTo(one.path());
        assertThat(oneBack.fileSize()).isEqualTo(99);
        // a split written before batches (Flink's own form, version 1) still reads
        assertThat(s.deserialize(1, FileSourceSplitSerializer.INSTANCE.serialize(one)).path()).isEqualTo(one.path());
    }

    @Test
    void aBatchRestoredMidwayResumesAcrossItsFilesWithNothingLostOrTwice() throws Exception {
        List<FileSourceSplit> found = new ArrayList<>();
        int n = 0;
        for (int f = 0; f < 3; f++) {
            List<CloudTrailRecord> records = new ArrayList<>();
            for (int k = 0; k < 3 + f; k++) { // files of 3, 4 and 5 events
                records.add(CloudTrailRecord.event("ListBuckets").source("s3.amazonaws.com").at("2026-11-01T09:00:00Z")
                        .id(CloudTrailRecord.uuid(++n)).iamUser("bob", "AKIABOBBOBBOBBOBBOB1"));
            }
            java.nio.file.Path p = dir.resolve("f" + f + ".json");
            CloudTrailFiles.s3(p, records.toArray(CloudTrailRecord[]::new));
            found.add(new FileSourceSplit("s" + f, new Path(p.toUri()), 0, Files.size(p), 0, Files.size(p)));
        }
        FileSourceSplit batch = new FileBatch("b", found.stream().map(FileSourceSplit::path).toList(),
                found.stream().mapToLong(FileSourceSplit::fileSize).toArray(), 0, null);
        CloudTrailFormat format = new CloudTrailFormat(Map.of());

        List<String> all = ids(format.createReader(new Configuration(), batch));
        // files decoded side by side still leave in file order, each file's records in their order
        assertThat(all).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(CloudTrailRecord::uuid).toList());
        for (long skip : new long[] {2, 3, 5, 11, 12}) { // inside and at the ends of files
            FileSourceSplit restored = batch.updateWithCheckpointedPosition(new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, skip));
            restored = FileBatch.Serializer.INSTANCE.deserialize(FileBatch.Serializer.INSTANCE.getVersion(),
                    FileBatch.Serializer.INSTANCE.serialize(restored));
            assertThat(ids(format.restoreReader(new Configuration(), restored))).as("after " + skip)
                    .containsExactlyElementsOf(all.subList((int) skip, all.size()));
        }
    }

    private static List<String> ids(BulkFormat.Reader<Item> reader) throws Exception {
        List<String> out = new ArrayList<>();
        try (reader) {
            for (BulkFormat.RecordIterator<Item> batch; (batch = reader.readBatch()) != null; ) {
                for (RecordAndPosition<Item> r; (r = batch.next()) != null; ) {
                    out.add(r.getRecord().event.eventID());
                }
                batch.releaseBatch();
            }
        }
        return out;
    }
}
