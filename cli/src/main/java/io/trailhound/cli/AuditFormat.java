package io.trailhound.cli;

/** {@code audit --format}: a table for people, one JSON object, CSV of the findings, or a self-contained HTML page. */
public enum AuditFormat {
    table, json, csv, html
}
