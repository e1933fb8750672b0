package io.trailhound.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** The sinks scan and watch share besides their --format: the alerts webhook, and _bulk action lines for ECS. */
final class AlertSinkOptions {
    @Option(names = "--alerts-webhook", paramLabel = "URL",
            description = "Also POST each alert, as the JSON --format ndjson prints (Falco's keys: Falcosidekick's input), "
                    + "to URL; retried with backoff; alerts that cannot be delivered are counted and kept (with a store in "
                    + "its webhook_undelivered table, else in a file in the quarantine directory).")
    URI alertsWebhook;

    @Option(names = "--bulk-index", paramLabel = "NAME",
            description = "With --format ecs: precede each document with an Elasticsearch/OpenSearch _bulk 'create' action "
                    + "line for this index or data stream, the eventID as _id.")
    String bulkIndex;

    /** Usage errors before anything runs. */
    void check(ScanFormat format) {
        if (bulkIndex != null && format != ScanFormat.ecs) {
            throw new IllegalArgumentException("--bulk-index is for --format ecs");
        }
    }
}
