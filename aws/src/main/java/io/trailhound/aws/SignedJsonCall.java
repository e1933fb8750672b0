package io.trailhound.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.aws.AwsErrors.AwsCallException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
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
 * One JSON POST to an AWS service whose SDK module is not on the registry this project builds from
 * (Organizations, Security Hub): signed by the SDK's own SigV4 signer, sent with the shared HTTP
 * client, throttling, 429 and 5xx retried with jittered exponential backoff like the SDK's clients,
 * and any other error turned into the SDK's exception so that {@link AwsErrors} explains it.
 */
public final class SignedJsonCall {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AwsSettings settings;
    private final AwsCredentialsProvider credentials;
    private final String signingName;

    /** @param signingName the service's SigV4 name ("organizations", "securityhub") */
    public SignedJsonCall(AwsSettings settings, AwsCredentialsProvider credentials, String signingName) {
        this.settings = settings;
        this.credentials = credentials;
        this.signingName = signingName;
    }

    /**
     * POSTs {@code body} to {@code uri} and returns the parsed answer (an empty object for an empty body).
     *
     * @param headers Content-Type and any protocol header (X-Amz-Target)
     * @param action and {@code resource} name the call in the error message
     * @throws AwsCallException when the call fails for good, or still fails after the retries
     */
    public JsonNode post(URI uri, String region, Map<String, String> headers, byte[] body, String action, String resource) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(uri, region, headers, body);
            } catch (AwsServiceException e) {
                String code = String.valueOf(e.awsErrorDetails().errorCode());
                boolean retry = e.statusCode() >= 500 || e.statusCode() == 429
                        || code.contains("TooManyRequests") || code.contains("Throttl");
                if (!retry || attempt >= settings.maxAttempts()) {
                    throw new AwsCallException(action, resource, e);
                }
            } catch (IOException | SdkClientException e) {
                if (attempt >= settings.maxAttempts()) {
                    throw new AwsCallException(action, resource,
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

    private JsonNode once(URI uri, String region, Map<String, String> headers, byte[] body) throws IOException {
        SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(uri);
        headers.forEach(b::putHeader);
        SdkHttpRequest request = b.build();
        AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpExecuteResponse response = AwsSettings.sharedHttpClient().prepareRequest(HttpExecuteRequest.builder()
                .request(signed.request()).contentStreamProvider(signed.payload().orElse(null)).build()).call();
        byte[] text;
        try (InputStream in = response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
            text = in.readAllBytes();
        }
        int status = response.httpResponse().statusCode();
        JsonNode doc;
        try {
            doc = text.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(text);
        } catch (IOException e) {
            if (status / 100 == 2) {
                throw e;
            }
            doc = MAPPER.createObjectNode(); // an error page that is not JSON (a proxy's 502): the status says enough
        }
        if (status / 100 != 2) {
            // JSON 1.1 names the error in __type, REST-JSON in the x-amzn-ErrorType header or "Code"
            String type = doc.path("__type").asText(doc.path("Code").asText(response.httpResponse()
                    .firstMatchingHeader("x-amzn-ErrorType").orElse("HTTP " + status)));
            String code = type.substring(type.lastIndexOf('#') + 1).split(":")[0];
            String message = doc.path("Message").asText(doc.path("message").asText(""));
            throw AwsServiceException.builder().statusCode(status).message(message)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName(signingName)
                            .sdkHttpResponse(response.httpResponse()).build()).build();
        }
        return doc;
    }
}
