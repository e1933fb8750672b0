package io.trailhound.aws.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.aws.AwsSettings;
import io.trailhound.aws.SignedJsonCall;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Organizations ListAccounts, every page. The SDK's Organizations module is not on the registry
 * this project builds from at the SDK version used, and this is its only call: the request is the
 * documented JSON 1.1 one, sent by {@link SignedJsonCall} (SigV4-signed, throttling and 5xx retried).
 */
public final class OrganizationAccounts {
    /** One member account as ListAccounts returns it. */
    public record Account(String id, String name, String status) {
    }

    private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/x-amz-json-1.1",
            "X-Amz-Target", "AWSOrganizationsV20161128.ListAccounts");

    private final AwsSettings settings;
    private final SignedJsonCall call;

    public OrganizationAccounts(AwsSettings settings, AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.call = new SignedJsonCall(settings, credentials, "organizations");
    }

    public List<Account> list() {
        List<Account> out = new ArrayList<>();
        String token = null;
        do {
            ObjectNode body = SdkJson.MAPPER.createObjectNode();
            if (token != null) {
                body.put("NextToken", token);
            }
            JsonNode page = call(body);
            for (JsonNode a : page.path("Accounts")) {
                out.add(new Account(a.path("Id").asText(), a.path("Name").asText(null), a.path("Status").asText(null)));
            }
            token = page.path("NextToken").isTextual() ? page.path("NextToken").asText() : null;
        } while (token != null);
        return out;
    }

    private URI endpoint() {
        if (settings.endpoint() != null) {
            return settings.endpoint();
        }
        // Organizations is global: its endpoint is in us-east-1 for the aws partition (us-gov-west-1, cn-northwest-1 elsewhere)
        String region = signingRegion();
        return URI.create("https://organizations." + region + ".amazonaws.com" + (region.startsWith("cn-") ? ".cn" : ""));
    }

    private String signingRegion() {
        String r = settings.regionOrDefault().id();
        if (r.startsWith("us-gov-")) {
            return "us-gov-west-1";
        }
        if (r.startsWith("cn-")) {
            return "cn-northwest-1";
        }
        return "us-east-1";
    }

    private JsonNode call(ObjectNode body) {
        return call.post(endpoint(), signingRegion(), HEADERS, body.toString().getBytes(StandardCharsets.UTF_8),
                "organizations:ListAccounts", "the organization");
    }
}
