package io.trailhound.aws.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * An SDK response as the JSON the AWS CLI prints for it (member names as in the API, times in
 * ISO 8601), so what {@code audit --aws --save} writes is what {@code aws iam ...} would have
 * saved and what {@code audit DIR} reads. Policy documents, URL-encoded JSON in the raw API, are
 * decoded into objects as the CLI does.
 */
final class SdkJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> POLICY_DOCUMENTS = Set.of("AssumeRolePolicyDocument", "PolicyDocument", "Document");

    private SdkJson() {
    }

    static ObjectNode of(SdkPojo pojo) {
        ObjectNode o = MAPPER.createObjectNode();
        for (SdkField<?> f : pojo.sdkFields()) {
            Object v = f.getValueOrDefault(pojo);
            if (v == null || isAutoConstructed(v)) {
                continue;
            }
            JsonNode n = POLICY_DOCUMENTS.contains(f.memberName()) && v instanceof String s ? document(s) : value(v);
            o.set(f.memberName(), n);
        }
        return o;
    }

    /** The SDK's placeholder for a list or map the response did not carry: left out, as the CLI leaves it out. */
    private static boolean isAutoConstructed(Object v) {
        return v instanceof software.amazon.awssdk.core.util.SdkAutoConstructList
                || v instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap;
    }

    private static JsonNode value(Object v) {
        if (v instanceof SdkPojo p) {
            return of(p);
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = MAPPER.createArrayNode();
            c.forEach(x -> a.add(value(x)));
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = MAPPER.createObjectNode();
            m.forEach((k, x) -> o.set(String.valueOf(k), value(x)));
            return o;
        }
        if (v instanceof Instant t) {
            return MAPPER.getNodeFactory().textNode(t.toString());
        }
        if (v instanceof SdkBytes b) {
            return MAPPER.getNodeFactory().binaryNode(b.asByteArray());
        }
        return MAPPER.valueToTree(v);
    }

    /** A policy document: URL-decoded and parsed; kept as text when it is not JSON (the reader reports it then). */
    static JsonNode document(String raw) {
        String text = raw;
        if (!raw.stripLeading().startsWith("{")) {
            try {
                text = URLDecoder.decode(raw, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return MAPPER.getNodeFactory().textNode(raw);
            }
        }
        try {
            return MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            return MAPPER.getNodeFactory().textNode(raw);
        }
    }
}
