package io.trailhound.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.posture.AuditJson;
import io.trailhound.core.posture.AuditResult;
import io.trailhound.core.posture.DirectorySource;
import io.trailhound.core.posture.PostureAudit;
import io.trailhound.core.posture.PostureChecks;
import io.trailhound.core.posture.Priority;
import io.trailhound.core.posture.Thresholds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The posture page's report, in the shape {@code audit --format json} prints: audited at start
 * from what {@code audit PATH} reads (an organisation directory, one account, one input file), or
 * read from a saved {@code audit --format json} file.
 */
final class PostureReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PostureReport() {
    }

    /** The report for {@code path}; IOException (bad input, with where) as {@code audit} gives it. */
    static JsonNode load(Path path) throws IOException {
        if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".json")) {
            JsonNode saved = savedAudit(path);
            if (saved != null) {
                return saved;
            }
        }
        // As 'audit PATH' runs by default: each account as of its own report's time, default thresholds.
        PostureAudit audit = new PostureAudit(PostureChecks.all(), Thresholds.defaults(), null);
        AuditResult result = audit.run(new DirectorySource(path), account -> { });
        return AuditJson.of(result, Priority.rank(result.findings()));
    }

    /** The file as a saved audit report ({@code summary} and {@code findings} arrays), or null when it is an audit input. */
    private static JsonNode savedAudit(Path path) throws IOException {
        JsonNode n;
        try {
            n = MAPPER.readTree(path.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(path + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        return n != null && n.path("summary").isArray() && n.path("findings").isArray() ? n : null;
    }
}
