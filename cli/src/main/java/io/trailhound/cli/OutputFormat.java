package io.trailhound.cli;

/** {@code --format}: a table for people, one JSON object, or JSON lines for streaming tools. */
public enum OutputFormat {
    table, json, ndjson
}
