package io.trailhound.core.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.Severity;
import io.trailhound.core.posture.CheckInfo;
import io.trailhound.core.posture.Finding;
import io.trailhound.core.rules.ir.Threat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Set;

/**
 * Alerts and posture findings in the AWS Security Finding Format, ready for Security Hub's
 * {@code BatchImportFindings} (in batches of at most {@link #BATCH}). The {@code Id} is built from
 * the alert's or finding's stable id, so importing the same findings again updates them (with the
 * newer {@code UpdatedAt}) instead of adding copies; {@code CreatedAt} is the event time (alerts)
 * or the evaluation time (posture), so it too stays the same. Lengths are held to the format's
 * limits (Title 256, Description 1024, Id 512). The origin travels in {@code UserDefinedFields}
 * ({@code trailhound.origin}, {@code trailhound.origin.confidence}, ...) and, for an origin with an
 * ARN, as a second resource.
 */
public final class AsffFinding {
    public static final String SCHEMA_VERSION = "2018-10-08";
    /** The most findings BatchImportFindings takes in one call. */
    public static final int BATCH = 100;
    static final int MAX_ID = 512;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** The TTP classifiers ASFF defines ({@code TTPs/<tactic>}); other tactics are not valid types. */
    private static final Set<String> TTPS = Set.of("Initial Access", "Execution", "Persistence", "Privilege Escalation",
            "Defense Evasion", "Credential Access", "Discovery", "Lateral Movement", "Collection", "Command and Control");

    private AsffFinding() {
    }

    /** The finding for an alert; {@code updatedAt} is when this export runs. */
    public static ObjectNode forAlert(AlertFacts a, AsffTarget target, Instant updatedAt) {
        String account = a.account() != null ? a.account() : target.productAccount();
        ObjectNode o = common("trailhound/" + a.id(), target, account,
                "trailhound/" + a.format() + "/" + (a.ruleId() != null ? a.ruleId() : a.ruleName()));
        ArrayNode types = o.putArray("Types");
        for (Threat t : a.threat()) {
            if (t.tacticName() != null && TTPS.contains(t.tacticName()) && types.size() < 50) {
                String type = "TTPs/" + t.tacticName();
                if (!contains(types, type)) {
                    types.add(type);
                }
            }
        }
        if (types.isEmpty()) {
            types.add("Unusual Behaviors/User");
        }
        String created = ISO.format(Instant.ofEpochMilli(a.timeMillis()));
        o.put("FirstObservedAt", created).put("LastObservedAt", created);
        o.put("CreatedAt", created).put("UpdatedAt", ISO.format(updatedAt));
        severity(o, a.severity(), a.priority());
        o.put("Title", limit(a.ruleName(), 256));
        o.put("Description", limit(a.message(), 1024));
        ArrayNode resources = o.putArray("Resources");
        resource(resources, a.principalArn(), a.account(), target.partition(), a.region());
        EventOrigin origin = a.origin();
        if (origin != null && origin.arn() != null && !origin.arn().equals(a.principalArn())) {
            resource(resources, origin.arn(), origin.account(), target.partition(), null);
        }
        ObjectNode fields = o.putObject("ProductFields");
        fields.put("trailhound/format", a.format());
        putLimited(fields, "trailhound/eventID", a.eventID());
        putLimited(fields, "trailhound/eventName", a.eventName());
        putLimited(fields, "trailhound/eventSource", a.eventSource());
        putLimited(fields, "trailhound/region", a.region());
        if (origin != null) {
            ObjectNode user = o.putObject("UserDefinedFields");
            user.put("trailhound.origin", limit(origin.known() ? origin.label() : EventOrigin.UNKNOWN, 1024));
            user.put("trailhound.origin.confidence", origin.confidence());
            putLimited(user, "trailhound.origin.type", origin.type());
            putLimited(user, "trailhound.origin.reason", origin.reason());
            if (!origin.via().isEmpty()) {
                user.put("trailhound.origin.via", limit(String.join(" -> ", origin.via()), 1024));
            }
        }
        return o;
    }

    /** The finding for a posture violation, evaluated at {@code asOf}; {@code updatedAt} is when this export runs. */
    public static ObjectNode forPosture(Finding f, CheckInfo check, Instant asOf, AsffTarget target, Instant updatedAt) {
        ObjectNode o = common("trailhound/" + PostureIds.id(f), target, f.account(), "trailhound/posture/" + f.check());
        ArrayNode types = o.putArray("Types");
        types.add("Software and Configuration Checks/AWS Security Best Practices");
        if (check != null && check.cis() != null) {
            types.add("Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark");
        }
        String created = ISO.format(asOf);
        o.put("CreatedAt", created).put("UpdatedAt", ISO.format(updatedAt));
        severity(o, f.severity(), null);
        o.put("Title", limit(check == null ? f.check() : check.title() + ": " + f.principal(), 256));
        o.put("Description", limit(f.detail(), 1024));
        ArrayNode resources = o.putArray("Resources");
        if (f.role() != null) {
            resource(resources, f.role(), f.account(), target.partition(), null);
        } else if (f.user() != null && !f.user().equals("<root_account>")) {
            ObjectNode r = resources.addObject();
            r.put("Type", "AwsIamUser").put("Id", limit("arn:" + target.partition() + ":iam::" + f.account() + ":user/"
                    + f.user(), 512)).put("Partition", target.partition()).put("Region", target.region());
        } else {
            resource(resources, null, f.account(), target.partition(), null);
        }
        ObjectNode compliance = o.putObject("Compliance").put("Status", "FAILED");
        if (check != null) {
            ArrayNode req = compliance.putArray("RelatedRequirements");
            if (check.cis() != null) {
                req.add("CIS AWS Foundations Benchmark " + check.cis());
            }
            if (check.securityHub() != null) {
                req.add("Security Hub " + check.securityHub());
            }
            if (req.isEmpty()) {
                compliance.remove("RelatedRequirements");
            }
            if (check.remediation() != null) {
                o.putObject("Remediation").putObject("Recommendation").put("Text", limit(check.remediation(), 512));
            }
        }
        ObjectNode fields = o.putObject("ProductFields");
        fields.put("trailhound/check", f.check());
        putLimited(fields, "trailhound/principal", f.principal());
        if (f.ageDays() >= 0) {
            fields.put("trailhound/ageDays", Long.toString(f.ageDays()));
        }
        return o;
    }

    private static ObjectNode common(String id, AsffTarget target, String account, String generator) {
        ObjectNode o = Ocsf.NODES.objectNode();
        o.put("SchemaVersion", SCHEMA_VERSION);
        o.put("Id", boundedId(id));
        o.put("ProductArn", target.productArn(account));
        o.put("ProductName", "Trailhound").put("CompanyName", "Trailhound");
        o.put("GeneratorId", boundedId(generator));
        o.put("AwsAccountId", account);
        o.put("Region", target.region());
        o.putObject("Workflow").put("Status", "NEW");
        o.put("RecordState", "ACTIVE");
        return o;
    }

    /** An id within ASFF's 512 characters: a longer one keeps its start and ends with a digest of the whole. */
    static String boundedId(String id) {
        if (id.length() <= MAX_ID) {
            return id;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            String h = HexFormat.of().formatHex(d);
            return id.substring(0, MAX_ID - h.length() - 1) + "#" + h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void severity(ObjectNode o, Severity s, String original) {
        ObjectNode sev = o.putObject("Severity");
        sev.put("Label", s == null ? "INFORMATIONAL" : switch (s) {
            case INFO -> "INFORMATIONAL";
            case LOW -> "LOW";
            case MEDIUM -> "MEDIUM";
            case HIGH -> "HIGH";
            case CRITICAL -> "CRITICAL";
        });
        if (original != null) {
            sev.put("Original", limit(original, 64));
        }
    }

    /** A resource named by an ARN: its ASFF type from the ARN; the account itself when there is no ARN. */
    private static void resource(ArrayNode out, String arn, String account, String partition, String region) {
        ObjectNode r = out.addObject();
        if (arn == null) {
            r.put("Type", "AwsAccount").put("Id", "AWS::::Account:" + account);
        } else {
            String type = arn.contains(":assumed-role/") || arn.contains(":role/") ? "AwsIamRole"
                    : arn.contains(":user/") ? "AwsIamUser" : arn.endsWith(":root") ? "AwsAccount" : "Other";
            r.put("Type", type).put("Id", limit(arn, 512));
        }
        r.put("Partition", partition);
        if (region != null) {
            r.put("Region", region);
        }
    }

    private static boolean contains(ArrayNode a, String v) {
        for (var n : a) {
            if (n.asText().equals(v)) {
                return true;
            }
        }
        return false;
    }

    private static void putLimited(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, limit(value, 1024));
        }
    }

    static String limit(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // never half a character
        }
        return s.substring(0, end) + "\u2026";
    }
}
