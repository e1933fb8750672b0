package io.trailhound.aws.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.aws.AwsErrors.AwsCallException;
import io.trailhound.aws.AwsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Organizations ListAccounts, every page. The SDK's Organizations module is not on the registry
 * this project builds from at the SDK version used, and this is its only call: the request is the
 * documented JSON 1.1 one, signed by the SDK's own SigV4 signer and sent with the same HTTP client,
 * and throttling and 5xx are retried with jittered backoff like the SDK's clients.
 */
public final class OrganizationAccounts {
    /** One member account as ListAccounts returns it. */
    public record Account(String id, String name, String status) {
    }

    private static final String TARGET = "AWSOrganizationsV20161128.ListAccounts";

    private final AwsSettings settings;
    private final AwsCredentialsProvider credentials;

    public OrganizationAccounts(AwsSettings settings, AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.credentials = credentials;
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
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        for (int attempt = 1; ; attempt++) {
            try {
                return once(bytes);
            } catch (AwsServiceException e) {
                boolean retry = e.statusCode() >= 500 || e.statusCode() == 429
                        || String.valueOf(e.awsErrorDetails().errorCode()).contains("TooManyRequests")
                        || String.valueOf(e.awsErrorDetails().errorCode()).contains("Throttl");
                if (!retry || attempt >= settings.maxAttempts()) {
                    throw new AwsCallException("organizations:ListAccounts", "the organization", e);
                }
            } catch (IOException | SdkClientException e) {
                if (attempt >= settings.maxAttempts()) {
                    throw new AwsCallException("organizations:ListAccounts", "the organization",
                            e instanceof SdkClientException s ? s : SdkClientException.create(e.getMessage(), e));
                }
            }
            backoff(attempt);
        }
    }

    private void backoff(int attempt) {
        long base = settings.retryBase().toMillis() << Math.min(attempt - 1, 10);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(base / 2, base + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private JsonNode once(byte[] body) throws IOException {
        URI uri = endpoint();
        SdkHttpRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", TARGET).build();
        AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "organizations")
                .putProperty(AwsV4HttpSigner.REGION_NAME, signingRegion()));
        HttpExecuteResponse response = AwsSettings.sharedHttpClient().prepareRequest(HttpExecuteRequest.builder()
                .request(signed.request()).contentStreamProvider(signed.payload().orElse(null)).build()).call();
        byte[] text;
        try (InputStream in = response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
            text = in.readAllBytes();
        }
        int status = response.httpResponse().statusCode();
        JsonNode doc = text.length == 0 ? SdkJson.MAPPER.createObjectNode() : SdkJson.MAPPER.readTree(text);
        if (status / 100 != 2) {
            String type = doc.path("__type").asText(response.httpResponse().firstMatchingHeader("x-amzn-ErrorType")
                    .orElse("HTTP " + status));
            String code = type.substring(type.lastIndexOf('#') + 1).split(":")[0];
            String message = doc.path("Message").asText(doc.path("message").asText(""));
            throw AwsServiceException.builder().statusCode(status).message(message)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Organizations")
                            .sdkHttpResponse(response.httpResponse()).build()).build();
        }
        return doc;
    }
}
