package io.trailhound.core.identity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.CloudTrailEventDecoder;
import io.trailhound.core.event.SourcePosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Builds CloudTrail records for attribution tests, shaped as attribution.md §2 and §6 describe. */
public final class Trail {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static int ids;

    private Trail() {
    }

    public static ObjectNode iamUser(String account, String name, String key) {
        ObjectNode u = JSON.createObjectNode();
        u.put("type", "IAMUser").put("principalId", "AIDA" + name.toUpperCase(Locale.ROOT)).put("arn", "arn:aws:iam::" + account + ":user/" + name)
                .put("accountId", account).put("accessKeyId", key).put("userName", name);
        return u;
    }

    public static ObjectNode assumedRole(String account, String role, String session, String key, String created) {
        ObjectNode u = JSON.createObjectNode();
        u.put("type", "AssumedRole").put("principalId", "AROA" + role.toUpperCase(Locale.ROOT) + ":" + session)
                .put("arn", sessionArn(account, role, session)).put("accountId", account);
        if (key != null) {
            u.put("accessKeyId", key);
        }
        ObjectNode ctx = u.putObject("sessionContext");
        ctx.putObject("sessionIssuer").put("type", "Role").put("principalId", "AROA" + role.toUpperCase(Locale.ROOT))
                .put("arn", roleArn(account, role)).put("accountId", account).put("userName", role);
        ctx.putObject("attributes").put("creationDate", created).put("mfaAuthenticated", "false");
        return u;
    }

    public static String roleArn(String account, String role) {
        return "arn:aws:iam::" + account + ":role/" + role;
    }

    public static String sessionArn(String account, String role, String session) {
        return "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session;
    }

    public static ObjectNode event(String time, String source, String name, ObjectNode identity, String recipient) {
        ObjectNode e = JSON.createObjectNode();
        e.put("eventVersion", "1.08");
        e.set("userIdentity", identity);
        e.put("eventTime", time).put("eventSource", source).put("eventName", name).put("awsRegion", "us-east-1")
                .put("sourceIPAddress", "198.51.100.1").put("eventID", String.format("00000000-0000-4000-8000-%012d", ++ids))
                .put("recipientAccountId", recipient);
        return e;
    }

    /** An AssumeRole by {@code caller} into {@code role} returning {@code issuedKey}, valid for {@code seconds}. */
    public static ObjectNode assumeRole(String time, ObjectNode caller, String roleAccount, String role, String session,
                                 String issuedKey, long seconds, String recipient) {
        ObjectNode e = event(time, "sts.amazonaws.com", "AssumeRole", caller, recipient);
        e.putObject("requestParameters").put("roleArn", roleArn(roleAccount, role)).put("roleSessionName", session)
                .put("durationSeconds", seconds);
        ObjectNode resp = e.putObject("responseElements");
        resp.putObject("credentials").put("accessKeyId", issuedKey).put("sessionToken", "x")
                .put("expiration", EXPIRES.format(Instant.parse(time).plusSeconds(seconds)));
        resp.putObject("assumedRoleUser").put("assumedRoleId", "AROA" + role.toUpperCase(Locale.ROOT) + ":" + session)
                .put("arn", sessionArn(roleAccount, role, session));
        return e;
    }

    public static CloudTrailEvent decode(ObjectNode record) {
        try {
            byte[] raw = JSON.writeValueAsBytes(record);
            JsonParser p = new JsonFactory().createParser(raw);
            p.nextToken();
            return CloudTrailEventDecoder.attach(new CloudTrailEventDecoder().decode(p, null), raw,
                    new SourcePosition("test", 0, 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
