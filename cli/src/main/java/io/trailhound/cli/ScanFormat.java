package io.trailhound.cli;

/**
 * {@code scan --format}: the summary formats ({@link OutputFormat}'s), and the document formats
 * that stream events and alerts to stdout for other tools, with the summary on stderr: ECS and
 * OCSF events (OCSF with its alerts as Detection Findings), ASFF alerts.
 */
public enum ScanFormat {
    table, json, ndjson, ecs, ocsf, asff;

    /** Whether stdout carries documents (ndjson's alerts or a document format), the summary then going to stderr. */
    boolean streams() {
        return this != table && this != json;
    }
}
