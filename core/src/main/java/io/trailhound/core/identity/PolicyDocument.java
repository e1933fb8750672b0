package io.trailhound.core.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * IAM policy documents as {@code get-account-authorization-details} returns them: a JSON object
 * (AWS CLI output, which decodes them) or a URL-encoded string (the raw API and the Java SDK).
 * Also the two trust-policy conditions that make a role session name who used it.
 */
public final class PolicyDocument {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String USERNAME = "${aws:username}";

    private PolicyDocument() {
    }

    /** The document as JSON: objects pass through, strings are percent-decoded and parsed. */
    public static JsonNode parse(JsonNode document) throws IOException {
        return document.isTextual() ? JSON.readTree(percentDecode(document.asText())) : document;
    }

    /**
     * Decodes {@code %XX} escapes only (RFC 3986, as botocore's {@code unquote} does): unlike
     * {@link java.net.URLDecoder}, a literal {@code +} stays a {@code +}, which matters in ARNs
     * and condition values such as {@code user+ops@example.com}.
     */
    public static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = c == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** {@code Statement} is an object or an array of them. */
    public static List<JsonNode> statements(JsonNode doc) {
        return elements(doc.path("Statement"));
    }

    /** A value IAM writes as one string or an array of strings ({@code Action}, {@code Principal.AWS}). */
    public static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : elements(node)) {
            if (n.isValueNode()) {
                out.add(n.asText());
            }
        }
        return out;
    }

    private static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(out::add);
        } else {
            out.add(node);
        }
        return out;
    }

    /** True when a condition block forces {@code sts:RoleSessionName} to the caller's IAM user name. */
    public static boolean pinsSessionName(JsonNode condition) {
        for (JsonNode operator : condition) {
            List<String> v = strings(operator.get("sts:RoleSessionName"));
            if (v.size() == 1 && USERNAME.equals(v.get(0))) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when a condition block makes {@code sts:SourceIdentity} required: a value to match
     * ({@code StringEquals}/{@code StringLike}, e.g. {@code ${aws:username}}) or {@code Null: false}.
     * A source identity persists through role chains, so CloudTrail names the person on every hop.
     */
    public static boolean requiresSourceIdentity(JsonNode condition) {
        var operators = condition.fields();
        while (operators.hasNext()) {
            var op = operators.next();
            List<String> v = strings(op.getValue().get("sts:SourceIdentity"));
            if (v.isEmpty()) {
                continue;
            }
            boolean nullCheck = op.getKey().equals("Null");
            if (nullCheck ? v.size() == 1 && v.get(0).equalsIgnoreCase("false") : !op.getKey().contains("Not")) {
                return true;
            }
        }
        return false;
    }
}
