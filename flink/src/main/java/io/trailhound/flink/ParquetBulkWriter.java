package io.trailhound.flink;

import io.trailhound.core.output.parquet.EventColumns;
import io.trailhound.core.output.parquet.ParquetFileWriter;
import io.trailhound.core.output.parquet.PartitionedEventsWriter;
import io.trailhound.core.output.parquet.Compression;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

/**
 * The core's Parquet writer as a Flink {@link BulkWriter}: one part file of the events layout (or
 * of the credential-updates table). The file sink rolls part files on every checkpoint and
 * commits them then, so a file is whole (footer written by {@link #finish}) before it becomes
 * visible, and exactly once. Memory: one row group per open part file.
 */
final class ParquetBulkWriter implements BulkWriter<EventLine> {
    private final ParquetFileWriter parquet;
    private final boolean updates;

    private ParquetBulkWriter(OutputStream out, boolean updates) {
        this.updates = updates;
        this.parquet = new ParquetFileWriter(out, updates ? EventColumns.UPDATES : EventColumns.EVENTS, Compression.ZSTD,
                PartitionedEventsWriter.DEFAULT_ROW_GROUP_BYTES);
    }

    @Override
    public void addElement(EventLine e) {
        if (updates) {
            EventColumns.writeUpdate(parquet, e.row);
        } else {
            EventColumns.writeEvent(parquet, e.row);
        }
    }

    /** Nothing: rows wait for their row group, and the part file is completed on the checkpoint ({@link #finish}). */
    @Override
    public void flush() {
    }

    /** The last row group and the footer; the sink closes the stream itself. */
    @Override
    public void finish() throws IOException {
        parquet.finish();
    }

    /** Makes one writer per part file; serializable, as the sink ships it to the task managers. */
    static final class Factory implements BulkWriter.Factory<EventLine> {
        private static final long serialVersionUID = 1L;
        private final boolean updates;

        /** @param updates the credential-updates table instead of the events */
        Factory(boolean updates) {
            this.updates = updates;
        }

        @Override
        public BulkWriter<EventLine> create(FSDataOutputStream out) {
            return new ParquetBulkWriter(out, updates);
        }
    }
}
