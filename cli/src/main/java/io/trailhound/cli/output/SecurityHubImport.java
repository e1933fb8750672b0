package io.trailhound.cli.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.aws.securityhub.FindingsImport;
import io.trailhound.aws.securityhub.FindingsImport.BatchResult;
import io.trailhound.aws.securityhub.FindingsImport.FailedFinding;
import io.trailhound.cli.Json;
import io.trailhound.cli.TerminalText;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * {@code --securityhub}: each ASFF batch of {@link AsffBatches} imported with BatchImportFindings
 * instead of printed, a line per batch on stderr, every refused finding named there (escaped: ids
 * and Security Hub's messages quote attacker-written log fields), and the totals kept for the JSON
 * summary the command prints. The finding Ids are stable, so a re-run updates the same findings.
 */
public final class SecurityHubImport implements Consumer<ArrayNode> {
    private final FindingsImport hub;
    private final PrintStream err;
    private final ArrayNode failures = Json.MAPPER.createArrayNode();
    private int batches;
    private long findings;
    private long imported;
    private long failed;

    public SecurityHubImport(FindingsImport hub, PrintStream err) {
        this.hub = hub;
        this.err = err;
    }

    @Override
    public void accept(ArrayNode batch) {
        BatchResult r = hub.importBatch(batch);
        batches++;
        findings += batch.size();
        imported += r.succeeded();
        failed += r.failed();
        err.printf("securityhub: batch %d: %d finding(s), %d imported, %d failed%n", batches, batch.size(),
                r.succeeded(), r.failed());
        for (FailedFinding f : r.failures()) {
            err.println("securityhub: not imported: " + TerminalText.escape(f.id()) + ": "
                    + TerminalText.escape(f.errorCode()) + ": " + TerminalText.escape(f.errorMessage()));
            failures.addObject().put("id", f.id()).put("errorCode", f.errorCode()).put("errorMessage", f.errorMessage());
        }
    }

    public long failed() {
        return failed;
    }

    /** {"securityhub":{"region","batches","findings","imported","failed","failedFindings":[{"id","errorCode","errorMessage"}]}} */
    public ObjectNode summary() {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        ObjectNode s = doc.putObject("securityhub");
        s.put("region", hub.region()).put("batches", batches).put("findings", findings).put("imported", imported)
                .put("failed", failed);
        s.set("failedFindings", failures);
        return doc;
    }
}
