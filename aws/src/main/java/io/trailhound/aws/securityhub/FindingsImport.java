package io.trailhound.aws.securityhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.trailhound.aws.AwsSettings;
import io.trailhound.aws.SignedJsonCall;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Security Hub BatchImportFindings (REST-JSON, POST /findings/import), one batch of at most 100
 * ASFF findings a call. The SDK's Security Hub module is not on the registry this project builds
 * from, so the call goes through {@link SignedJsonCall}. Security Hub keys a finding by its Id and
 * ProductArn: importing the same Ids again updates those findings instead of adding new ones.
 */
public final class FindingsImport {
    /** Security Hub's own limit on one BatchImportFindings call. */
    public static final int MAX_BATCH = 100;

    /** A finding Security Hub refused, as FailedFindings names it. */
    public record FailedFinding(String id, String errorCode, String errorMessage) {
    }

    /** What one call imported. */
    public record BatchResult(int succeeded, int failed, List<FailedFinding> failures) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json");

    private final AwsSettings settings;
    private final String region;
    private final SignedJsonCall call;

    /** @param region the Security Hub region, the one of the findings' ProductArn */
    public FindingsImport(AwsSettings settings, String region) {
        this.settings = settings;
        this.region = region;
        this.call = new SignedJsonCall(settings, settings.credentials(), "securityhub");
    }

    public String region() {
        return region;
    }

    public BatchResult importBatch(ArrayNode findings) {
        if (findings.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " findings a batch, got " + findings.size());
        }
        byte[] body = MAPPER.createObjectNode().set("Findings", findings).toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        JsonNode answer = call.post(endpoint(), region, HEADERS, body, "securityhub:BatchImportFindings",
                "Security Hub in " + region);
        List<FailedFinding> failures = new ArrayList<>();
        for (JsonNode f : answer.path("FailedFindings")) {
            failures.add(new FailedFinding(f.path("Id").asText(""), f.path("ErrorCode").asText(""),
                    f.path("ErrorMessage").asText("")));
        }
        int failed = Math.max(answer.path("FailedCount").asInt(0), failures.size());
        return new BatchResult(answer.path("SuccessCount").asInt(findings.size() - failed), failed, failures);
    }

    private URI endpoint() {
        String base = settings.endpoint() != null ? settings.endpoint().toString().replaceAll("/+$", "")
                : "https://securityhub." + region + ".amazonaws.com" + (region.startsWith("cn-") ? ".cn" : "");
        return URI.create(base + "/findings/import");
    }
}
