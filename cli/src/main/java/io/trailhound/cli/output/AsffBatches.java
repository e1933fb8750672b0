package io.trailhound.cli.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.cli.Json;
import io.trailhound.core.output.AsffFinding;
import java.util.function.Consumer;

/**
 * ASFF findings grouped as Security Hub takes them: each output line is one JSON array of at most
 * {@link AsffFinding#BATCH} findings, a ready {@code --findings} value for
 * {@code aws securityhub batch-import-findings}. Holds one batch at a time.
 */
public final class AsffBatches implements AutoCloseable {
    private final Consumer<ArrayNode> out;
    private ArrayNode batch = Json.MAPPER.createArrayNode();
    private long findings;

    public AsffBatches(NdjsonOut out) {
        this(out::write);
    }

    /** Hands each full batch (and the last, partial one) to {@code out}: a writer or a Security Hub import. */
    public AsffBatches(Consumer<ArrayNode> out) {
        this.out = out;
    }

    public void add(ObjectNode finding) {
        batch.add(finding);
        findings++;
        if (batch.size() == AsffFinding.BATCH) {
            flush();
        }
    }

    public long findings() {
        return findings;
    }

    private void flush() {
        if (!batch.isEmpty()) {
            out.accept(batch);
            batch = Json.MAPPER.createArrayNode();
        }
    }

    /** Writes the last, partial batch (the output itself is its owner's to close). */
    @Override
    public void close() {
        flush();
    }
}
