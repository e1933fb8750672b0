package io.trailhound.core.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.trailhound.core.event.CloudTrailEventDecoder;
import io.trailhound.core.event.SourcePosition;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one input of any shape CloudTrail arrives in and hands each record to a
 * {@link RecordHandler}. The shape comes from the content, never the file name: gzip by its
 * magic bytes; then {@code {"Records":[...]}} (S3 delivery), a JSON array of records, or a
 * sequence of objects (JSON Lines, or a single event; EventBridge envelopes are unwrapped by the
 * decoder), in any mix. Streaming throughout: memory holds one record, never the file (and, for
 * gzip, the records of one member until its checksum is read, up to a limit).
 *
 * <p>Bad content never ends the read early without saying so ({@link InputPass}): a syntax error
 * is reported with its position and reading resumes at the next line (JSON Lines) or at the next
 * record start (arrays); a damaged gzip member is reported and reading resumes at the next one.
 *
 * <p>A reader keeps buffers from input to input, so each thread uses its own.
 */
public final class RecordReader {
    private final ReadLimits limits;
    private final JsonFactory json;
    private final boolean readAhead;
    private final CloudTrailEventDecoder decoder = new CloudTrailEventDecoder();
    // Reused from input to input: one reader serves one thread.
    private final Decompressor decompressor;
    private final CapturingInputStream window;

    public RecordReader(ReadLimits limits) {
        this(limits, false);
    }

    /**
     * @param readAhead decompress on a second thread, overlapped with parsing: worth it when there
     *                  are fewer inputs than cores (one big file, stdin)
     */
    public RecordReader(ReadLimits limits, boolean readAhead) {
        this.limits = limits;
        this.json = JsonFactory.builder()
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .streamReadConstraints(limits.jsonConstraints())
                .build();
        this.readAhead = readAhead;
        this.decompressor = new Decompressor(limits);
        this.window = new CapturingInputStream(InputStream.nullInputStream(), limits.maxRecordBytes(),
                limits.quarantineContentBytes());
    }

    /** Reads the input to its end (or to damage that cannot be read past). Never throws for bad content. */
    public void read(InputSource source, RecordHandler out) {
        InputStream raw;
        try {
            raw = source.open();
        } catch (IOException e) {
            out.bad(new BadRecord(QuarantineReason.UNREADABLE, new SourcePosition(source.name(), 0, 0),
                    "cannot open: " + e.getMessage(), null, false));
            return;
        }
        try (InputStream in = raw; InflatedInput data = decompressed(in)) {
            window.reset(data);
            new InputPass(source, window, data, json, decoder, limits, out).run();
        } catch (IOException e) {
            out.bad(new BadRecord(QuarantineReason.UNREADABLE, new SourcePosition(source.name(), 0, 0),
                    "read failed: " + e.getMessage(), null, false));
        }
    }

    private InflatedInput decompressed(InputStream in) throws IOException {
        InflatedInput data = decompressor.open(in);
        return readAhead ? new ReadAheadInputStream(data) : data;
    }
}
