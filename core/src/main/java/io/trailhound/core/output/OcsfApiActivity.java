package io.trailhound.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.Severity;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.IsoInstants;
import io.trailhound.core.event.UserIdentity;
import io.trailhound.core.rules.ir.IpLiteral;

/**
 * A CloudTrail event as OCSF API Activity (class 6003), mapped as Amazon Security Lake maps
 * CloudTrail: {@code metadata.uid} = eventID, {@code time} = eventTime in epoch milliseconds,
 * {@code api.operation} = eventName, {@code api.service.name} = eventSource,
 * {@code api.request.uid} = requestID, {@code api.response.error} = errorCode,
 * {@code actor.user} from userIdentity, {@code src_endpoint} from sourceIPAddress,
 * {@code http_request.user_agent} = userAgent, {@code cloud.region} = awsRegion,
 * {@code resources} from resources, {@code status} Success or Failure by errorCode. The origin
 * is an enrichment of {@code actor.user} (see {@link Ocsf#origin}).
 */
public final class OcsfApiActivity {
    public static final int CLASS_UID = 6003;

    private OcsfApiActivity() {
    }

    /** The record for {@code e}; {@code origin} null when the run did not attribute. */
    public static ObjectNode of(CloudTrailEvent e, EventOrigin origin) {
        if (e.rawBytes() != null) {
            e.tree(); // six members are read below: one whole parse, not two member parses and then the whole one
        }
        int activity = activityId(e.eventName());
        ObjectNode o = Ocsf.classified(6, "Application Activity", CLASS_UID, "API Activity", activity,
                activityName(activity));
        Ocsf.severity(o, Severity.INFO);
        o.put("time", e.eventTimeMillis());
        ObjectNode m = Ocsf.metadata(o, e.eventID(), "CloudTrail", "AWS", e.eventVersion());
        String category = e.eventCategory();
        if (category != null) {
            m.with("product").putObject("feature").put("name", category);
        }
        Ocsf.put(m, "event_code", e.eventType());
        Ocsf.put(m, "original_time", e.eventTimeText());
        Ocsf.put(m, "correlation_uid", e.sharedEventID());
        Ocsf.cloud(o, e.awsRegion(), e.recipientAccountId());
        api(o, e);
        actor(o, e.userIdentity(), e.eventSource());
        srcEndpoint(o, e);
        if (e.userAgent() != null) {
            o.putObject("http_request").put("user_agent", e.userAgent());
        }
        resources(o, e.member("resources"));
        boolean failed = e.errorCode() != null && !e.errorCode().isEmpty();
        o.put("status_id", failed ? 2 : 1).put("status", failed ? "Failure" : "Success");
        Ocsf.put(o, "status_code", e.errorCode());
        Ocsf.put(o, "status_detail", e.errorMessage());
        JsonNode extra = e.member("additionalEventData");
        if (extra != null && extra.isObject()) {
            o.putObject("unmapped").set("additionalEventData", extra);
        }
        Ocsf.origin(o, "actor.user", origin);
        return o;
    }

    /** Create, Read, Update or Delete by the verb the API name starts with; Other for the rest. */
    static int activityId(String eventName) {
        if (eventName == null) {
            return 0;
        }
        for (String[] verbs : VERBS) {
            for (int i = 1; i < verbs.length; i++) {
                if (eventName.startsWith(verbs[i])) {
                    return Integer.parseInt(verbs[0]);
                }
            }
        }
        return 99;
    }

    private static final String[][] VERBS = {
        {"1", "Create", "Add", "Allocate", "Attach", "Import", "Register", "Run", "Issue", "Generate"},
        {"2", "Get", "Describe", "List", "Head", "Lookup", "Search", "Select", "Query", "Scan", "Download", "BatchGet"},
        {"3", "Update", "Put", "Modify", "Set", "Change", "Enable", "Disable", "Replace", "Reset", "Tag", "Untag",
            "Associate", "Start", "Stop"},
        {"4", "Delete", "Remove", "Detach", "Deregister", "Terminate", "Revoke", "Disassociate", "Release"},
    };

    static String activityName(int id) {
        return switch (id) {
            case 1 -> "Create";
            case 2 -> "Read";
            case 3 -> "Update";
            case 4 -> "Delete";
            case 99 -> "Other";
            default -> "Unknown";
        };
    }

    private static void api(ObjectNode o, CloudTrailEvent e) {
        ObjectNode api = o.putObject("api");
        api.put("operation", e.eventName());
        if (e.eventSource() != null) {
            api.putObject("service").put("name", e.eventSource());
        }
        JsonNode version = e.member("apiVersion");
        if (version != null && version.isTextual()) {
            api.put("version", version.asText());
        }
        if (e.requestID() != null) {
            ObjectNode req = api.putObject("request").put("uid", e.requestID());
            JsonNode params = e.member("requestParameters");
            if (params != null && !params.isNull()) {
                req.set("data", params);
            }
        }
        JsonNode response = e.member("responseElements");
        if (e.errorCode() != null || e.errorMessage() != null || (response != null && !response.isNull())) {
            ObjectNode res = api.putObject("response");
            Ocsf.put(res, "error", e.errorCode());
            Ocsf.put(res, "error_message", e.errorMessage());
            if (response != null && !response.isNull()) {
                res.set("data", response);
            }
        }
    }

    /** {@code actor}: the principal the record names (Security Lake's mapping); an AWS service as {@code invoked_by}. */
    private static void actor(ObjectNode o, UserIdentity u, String eventSource) {
        ObjectNode actor = o.putObject("actor");
        ObjectNode user = Ocsf.NODES.objectNode();
        Ocsf.put(user, "type", u.type());
        Ocsf.put(user, "uid", u.arn());
        Ocsf.put(user, "uid_alt", u.principalId());
        Ocsf.put(user, "name", u.userName());
        Ocsf.put(user, "credential_uid", u.accessKeyId());
        if (u.accountId() != null) {
            user.putObject("account").put("uid", u.accountId()).put("type_id", 10).put("type", "AWS Account");
        }
        if (user.has("uid") || user.has("name") || user.has("account")) {
            actor.set("user", user);
        }
        Ocsf.put(actor, "invoked_by", u.invokedBy());
        if (u.identityProvider() != null) {
            actor.putObject("idp").put("name", u.identityProvider());
        }
        UserIdentity.SessionIssuer issuer = u.sessionIssuer();
        long created = u.sessionCreationDate() == null ? Long.MIN_VALUE : IsoInstants.parseMillis(u.sessionCreationDate());
        if (issuer != null || u.mfaAuthenticated() != null || created != Long.MIN_VALUE) {
            ObjectNode s = actor.putObject("session");
            if (created != Long.MIN_VALUE) {
                s.put("created_time", created);
            }
            if (u.mfaAuthenticated() != null) {
                s.put("is_mfa", u.mfaAuthenticated());
            }
            if (issuer != null) {
                Ocsf.put(s, "issuer", issuer.arn());
            }
            Ocsf.put(s, "credential_uid", u.accessKeyId());
        }
        // OCSF wants at least one of user, session, invoked_by, app_name...: a record with no identity names the service.
        if (!actor.has("user") && !actor.has("invoked_by") && !actor.has("session")) {
            actor.put("app_name", eventSource != null ? eventSource : "unknown");
        }
    }

    /** An IP address as {@code ip}; an AWS service name as {@code svc_name}; any other text as {@code hostname}. */
    private static void srcEndpoint(ObjectNode o, CloudTrailEvent e) {
        ObjectNode src = o.putObject("src_endpoint");
        String addr = e.sourceIPAddress();
        if (addr != null && !addr.isEmpty()) {
            if (IpLiteral.isIp(addr)) {
                src.put("ip", addr);
            } else if (addr.endsWith(".amazonaws.com")) {
                src.put("svc_name", addr);
            } else {
                src.put("hostname", addr);
            }
        }
        JsonNode vpce = e.member("vpcEndpointId");
        if (vpce != null && vpce.isTextual()) {
            src.put("uid", vpce.asText());
        }
        if (src.isEmpty()) {
            src.put("name", "unknown");
        }
    }

    private static void resources(ObjectNode o, JsonNode resources) {
        if (resources == null || !resources.isArray() || resources.isEmpty()) {
            return;
        }
        var out = o.putArray("resources");
        for (JsonNode r : resources) {
            ObjectNode d = out.addObject();
            text(d, "uid", r.get("ARN"));
            text(d, "type", r.get("type"));
            if (!d.has("uid")) {
                d.put("name", d.has("type") ? d.get("type").asText() : "unknown"); // OCSF: a uid or a name
            }
            JsonNode account = r.get("accountId");
            if (account != null && account.isTextual()) {
                d.putObject("owner").putObject("account").put("uid", account.asText()).put("type_id", 10)
                        .put("type", "AWS Account");
            }
        }
    }

    private static void text(ObjectNode o, String key, JsonNode v) {
        if (v != null && v.isTextual()) {
            o.put(key, v.asText());
        }
    }
}
