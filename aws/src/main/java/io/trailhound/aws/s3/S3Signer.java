package io.trailhound.aws.s3;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * AWS Signature Version 4 for S3's body-less requests (GET, HEAD), the Authorization header as the
 * SDK's signer makes it for S3 (payload unsigned, no double encoding or normalisation of the path).
 * In a scan the SDK's signer was a quarter of a GET's CPU on the client: it derives the signing key
 * (four HMACs, each from a new {@link Mac}) and builds its request anew for every request. Here the
 * day's key is kept until the day or the credentials change, and each thread keeps its HMAC and
 * SHA-256, keyed once per signing key. {@code S3SignerTest} holds it to the SDK's signature.
 */
final class S3Signer {
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final String HMAC = "HmacSHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<Crypto> CRYPTO = ThreadLocal.withInitial(Crypto::new);

    private final String region;
    private final Clock clock;
    /** The signing key of the day and credentials last used; replaced, never changed. */
    private volatile SigningKey key;
    /** The last second's X-Amz-Date. */
    private volatile Stamp stamp;

    private record Stamp(long second, String amzDate) {
    }

    /** The key of one day, region and secret, with its credential scope. */
    private record SigningKey(String secret, String day, String scope, byte[] bytes) {
    }

    S3Signer(String region, Clock clock) {
        this.region = region;
        this.clock = clock;
    }

    /**
     * The headers a signature adds to a request: Host, X-Amz-Date, x-amz-content-sha256, the session
     * token when there is one, and Authorization.
     */
    record Signature(String host, String amzDate, String securityToken, String authorization) {
        void forEachHeader(BiConsumer<String, String> header) {
            header.accept("Host", host);
            header.accept("X-Amz-Date", amzDate);
            header.accept("x-amz-content-sha256", UNSIGNED_PAYLOAD);
            if (securityToken != null) {
                header.accept("X-Amz-Security-Token", securityToken);
            }
            header.accept("Authorization", authorization);
        }

        /** The date alone: the token and the signature are credentials' work, never printed. */
        @Override
        public String toString() {
            return "Signature[" + amzDate + ", " + (securityToken == null ? "" : "with a session token, ") + "redacted]";
        }
    }

    /** {@code request} with its {@link #signature}'s headers. */
    SdkHttpRequest sign(SdkHttpRequest request, AwsCredentialsIdentity identity) {
        SdkHttpRequest.Builder signed = request.toBuilder();
        signature(request, identity).forEachHeader(signed::putHeader);
        return signed.build();
    }

    /**
     * The signature of {@code request} as headers to send with it, without a signed copy of the request
     * (for {@link Http11Client}, which writes them after the request's own: copying the request's header
     * maps was a fifth of a GET's CPU on the client).
     */
    Signature signature(SdkHttpRequest request, AwsCredentialsIdentity identity) {
        String amzDate = amzDate();
        String host = hostHeader(request);
        String token = identity instanceof AwsSessionCredentialsIdentity session ? session.sessionToken() : null;
        // the headers as signed: the request's own and those added here, lower-cased and sorted
        TreeMap<String, String> headers = new TreeMap<>();
        request.forEachHeader((name, values) -> headers.merge(name.toLowerCase(Locale.ROOT), canonicalValues(values),
                (a, b) -> a + ',' + b));
        headers.put("host", host);
        headers.put("x-amz-content-sha256", UNSIGNED_PAYLOAD);
        headers.put("x-amz-date", amzDate);
        if (token != null) {
            headers.put("x-amz-security-token", token);
        }
        SigningKey k = key(identity.secretAccessKey(), amzDate.substring(0, 8));

        StringBuilder canonical = new StringBuilder(512).append(request.method().name()).append('\n');
        canonical.append(request.encodedPath().isEmpty() ? "/" : request.encodedPath()).append('\n');
        appendQuery(canonical, request.rawQueryParameters());
        canonical.append('\n');
        StringBuilder signedHeaders = new StringBuilder(96);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            canonical.append(h.getKey()).append(':').append(h.getValue()).append('\n');
            signedHeaders.append(signedHeaders.length() == 0 ? "" : ";").append(h.getKey());
        }
        canonical.append('\n').append(signedHeaders).append('\n').append(UNSIGNED_PAYLOAD);

        Crypto c = CRYPTO.get();
        String stringToSign = ALGORITHM + '\n' + amzDate + '\n' + k.scope() + '\n'
                + HEX.formatHex(c.sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        String signature = HEX.formatHex(c.hmac(k.bytes()).doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        return new Signature(host, amzDate, token, ALGORITHM + " Credential=" + identity.accessKeyId() + '/' + k.scope()
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
    }

    /** Now as X-Amz-Date gives it, formatted once a second. */
    private String amzDate() {
        long second = clock.millis() / 1000;
        Stamp s = stamp;
        if (s == null || s.second() != second) {
            s = new Stamp(second, AMZ_DATE.format(Instant.ofEpochSecond(second)));
            stamp = s;
        }
        return s.amzDate();
    }

    /** The host, with the port unless it is the protocol's own (as the SDK's signer writes it). */
    static String hostHeader(SdkHttpRequest r) {
        boolean standard = r.port() == -1 || (r.port() == 80 && r.protocol().equals("http"))
                || (r.port() == 443 && r.protocol().equals("https"));
        return standard ? r.host() : r.host() + ':' + r.port();
    }

    /** Parameters by encoded name, then encoded value; a parameter without a value as {@code name=}. */
    private static void appendQuery(StringBuilder out, Map<String, List<String>> query) {
        if (query.isEmpty()) {
            return;
        }
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        query.forEach((name, values) -> {
            List<String> encoded = new ArrayList<>(values.size());
            for (String v : values) {
                encoded.add(v == null ? "" : SdkHttpUtils.urlEncode(v));
            }
            encoded.sort(null);
            sorted.put(SdkHttpUtils.urlEncode(name), encoded);
        });
        boolean first = true;
        for (Map.Entry<String, List<String>> e : sorted.entrySet()) {
            for (String v : e.getValue()) {
                out.append(first ? "" : "&").append(e.getKey()).append('=').append(v);
                first = false;
            }
        }
    }

    /** A header's values as signed: each trimmed, inner runs of spaces as one, joined by commas. */
    private static String canonicalValues(List<String> values) {
        if (values.size() == 1) {
            return trimmed(values.get(0));
        }
        StringBuilder b = new StringBuilder();
        for (String v : values) {
            b.append(b.length() == 0 ? "" : ",").append(trimmed(v));
        }
        return b.toString();
    }

    /** The value without leading and trailing blanks, runs of spaces inside as one (no regular expression per header). */
    private static String trimmed(String value) {
        String v = value.trim();
        if (!v.contains("  ")) {
            return v;
        }
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch != ' ' || v.charAt(i - 1) != ' ') {
                b.append(ch);
            }
        }
        return b.toString();
    }

    private SigningKey key(String secret, String day) {
        SigningKey k = key;
        if (k != null && k.day().equals(day) && k.secret().equals(secret)) {
            return k;
        }
        Crypto c = CRYPTO.get();
        byte[] bytes = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
        for (String part : new String[] {day, region, "s3", "aws4_request"}) {
            bytes = c.hmac(bytes).doFinal(part.getBytes(StandardCharsets.UTF_8));
        }
        k = new SigningKey(secret, day, day + '/' + region + "/s3/aws4_request", bytes);
        key = k;
        return k;
    }

    /** One thread's SHA-256 and HMAC, the HMAC keyed again only when the key changes. */
    private static final class Crypto {
        final MessageDigest sha256;
        final Mac mac;
        private byte[] macKey;

        Crypto() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
                mac = Mac.getInstance(HMAC);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JVM has no SHA-256 or HmacSHA256", e);
            }
        }

        Mac hmac(byte[] key) {
            if (key != macKey) {
                try {
                    mac.init(new SecretKeySpec(key, HMAC));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
                macKey = key;
            }
            return mac;
        }
    }
}
