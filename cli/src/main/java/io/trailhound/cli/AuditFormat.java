package io.trailhound.cli;

/**
 * {@code audit --format}: a table for people, one JSON object, CSV of the findings, a self-contained
 * HTML page, OCSF Compliance Findings (one per line) or ASFF findings (BatchImportFindings arrays).
 */
public enum AuditFormat {
    table, json, csv, html, ocsf, asff
}
