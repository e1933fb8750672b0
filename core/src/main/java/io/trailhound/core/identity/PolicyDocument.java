package io.trailhound.core.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.inputfile.InputFormatException;
import io.trailhound.core.inputfile.InputText;
import io.trailhound.core.inputfile.JsonInput;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * IAM policy documents as {@code get-account-authorization-details} returns them: a JSON object
 * (AWS CLI output, which decodes them) or a URL-encoded string (the raw API and the Java SDK).
 * Also the two trust-policy conditions that make a role session name who used it.
 */
public final class PolicyDocument {
    /** How an error inside a URL-encoded document names where it is. */
    private static final String DECODED = "URL-decoded document";
    static final String USERNAME = "${aws:username}";

    private PolicyDocument() {
    }

    /**
     * The document as JSON: objects pass through, strings are percent-decoded and parsed as strictly
     * as a file (UTF-8, one document); an error names the line and column in the decoded text.
     */
    public static JsonNode parse(JsonNode document) throws InputFormatException {
        if (!document.isTextual()) {
            return document;
        }
        String decoded = InputText.decode(DECODED, percentDecodeToBytes(document.asText()));
        return JsonInput.parse(DECODED, decoded).root();
    }

    /**
     * Decodes {@code %XX} escapes only (RFC 3986, as botocore's {@code unquote} does): unlike
     * {@link java.net.URLDecoder}, a literal {@code +} stays a {@code +}, which matters in ARNs
     * and condition values such as {@code user+ops@example.com}.
     */
    public static String percentDecode(String s) {
        return s.indexOf('%') < 0 ? s : new String(percentDecodeToBytes(s), StandardCharsets.UTF_8);
    }

    private static byte[] percentDecodeToBytes(String s) {
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
        return out.toByteArray();
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

    /**
     * True when a condition block forces {@code sts:RoleSessionName} to the caller's IAM user name:
     * a positive string test ({@code StringEquals}, {@code StringLike}, their {@code IfExists} forms:
     * the key is always present on AssumeRole) with {@code ${aws:username}} as its only value. A
     * negated test ({@code StringNotEquals}) pins nothing.
     */
    public static boolean pinsSessionName(JsonNode condition) {
        var operators = condition.fields();
        while (operators.hasNext()) {
            var op = operators.next();
            if (!positiveStringTest(op.getKey(), true)) {
                continue;
            }
            List<String> v = strings(key(op.getValue(), "sts:RoleSessionName"));
            if (v.size() == 1 && USERNAME.equals(v.get(0))) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when a condition block makes {@code sts:SourceIdentity} required: a positive string test
     * that fails when the key is absent ({@code StringEquals}/{@code StringLike}, e.g.
     * {@code ${aws:username}}; not their {@code IfExists} forms, nor {@code ForAllValues:}, which
     * pass without one) or {@code Null: false}. A source identity persists through role chains, so
     * CloudTrail names the person on every hop.
     */
    public static boolean requiresSourceIdentity(JsonNode condition) {
        var operators = condition.fields();
        while (operators.hasNext()) {
            var op = operators.next();
            List<String> v = strings(key(op.getValue(), "sts:SourceIdentity"));
            if (v.isEmpty()) {
                continue;
            }
            if (op.getKey().equalsIgnoreCase("Null") ? v.size() == 1 && v.get(0).equalsIgnoreCase("false")
                    : positiveStringTest(op.getKey(), false)) {
                return true;
            }
        }
        return false;
    }

    /** StringEquals, StringLike, StringEqualsIgnoreCase (ForAnyValue: allowed), IfExists only when the key is always there. */
    private static boolean positiveStringTest(String operator, boolean ifExistsAllowed) {
        String op = operator;
        if (op.regionMatches(true, 0, "ForAnyValue:", 0, "ForAnyValue:".length())) {
            op = op.substring("ForAnyValue:".length());
        }
        if (op.endsWith("IfExists")) {
            if (!ifExistsAllowed) {
                return false;
            }
            op = op.substring(0, op.length() - "IfExists".length());
        }
        return op.equals("StringEquals") || op.equals("StringLike") || op.equals("StringEqualsIgnoreCase");
    }

    /** A condition key's values: IAM condition keys are case-insensitive. */
    private static JsonNode key(JsonNode operatorBlock, String name) {
        if (operatorBlock == null || !operatorBlock.isObject()) {
            return null;
        }
        var fields = operatorBlock.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (f.getKey().equalsIgnoreCase(name)) {
                return f.getValue();
            }
        }
        return null;
    }
}
