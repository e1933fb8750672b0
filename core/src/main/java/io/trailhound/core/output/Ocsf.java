package io.trailhound.core.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.Severity;

/**
 * What the OCSF records share: the schema version, classification ({@code class_uid},
 * {@code type_uid} = class_uid * 100 + activity_id), severity, {@code cloud}, and the origin as an
 * enrichment and an observable. Targets OCSF 1.8.0.
 */
public final class Ocsf {
    public static final String VERSION = "1.8.0";
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The enrichment and observable name under which the origin travels (public). */
    public static final String ORIGIN_NAME = "trailhound.origin";
    /** Observable type "Resource UID" (the origin's ARN) and "User Name" (a named origin). */
    static final int OBSERVABLE_RESOURCE_UID = 10;
    static final int OBSERVABLE_USER_NAME = 4;

    private Ocsf() {
    }

    /** The classification attributes of class {@code classUid} ({@code categoryUid} its category) and activity. */
    static ObjectNode classified(int categoryUid, String categoryName, int classUid, String className, int activityId,
                                 String activityName) {
        ObjectNode o = NODES.objectNode();
        o.put("category_uid", categoryUid).put("category_name", categoryName);
        o.put("class_uid", classUid).put("class_name", className);
        o.put("activity_id", activityId).put("activity_name", activityName);
        o.put("type_uid", (long) classUid * 100 + activityId).put("type_name", className + ": " + activityName);
        return o;
    }

    /** {@code severity_id} and its caption from the shared scale (Informational 1 ... Critical 5). */
    static void severity(ObjectNode o, Severity s) {
        int id = s == null ? 0 : s.ordinal() + 1;
        o.put("severity_id", id);
        o.put("severity", switch (id) {
            case 1 -> "Informational";
            case 2 -> "Low";
            case 3 -> "Medium";
            case 4 -> "High";
            case 5 -> "Critical";
            default -> "Unknown";
        });
    }

    /** {@code metadata} with the product that logged the record. */
    static ObjectNode metadata(ObjectNode record, String uid, String productName, String vendor, String productVersion) {
        ObjectNode m = record.putObject("metadata");
        m.put("version", VERSION);
        if (uid != null) {
            m.put("uid", uid);
        }
        ObjectNode p = m.putObject("product");
        p.put("name", productName).put("vendor_name", vendor);
        if (productVersion != null) {
            p.put("version", productVersion);
        }
        m.putArray("profiles").add("cloud");
        return m;
    }

    /** {@code cloud}: AWS, the region and account where known. */
    static void cloud(ObjectNode record, String region, String account) {
        ObjectNode c = record.putObject("cloud");
        c.put("provider", "AWS");
        if (region != null) {
            c.put("region", region);
        }
        if (account != null) {
            c.putObject("account").put("uid", account).put("type_id", 10).put("type", "AWS Account");
        }
    }

    /**
     * The origin, where OCSF puts what a tool adds to an event: an {@code enrichments} entry named
     * {@link #ORIGIN_NAME} on {@code enrichedAttribute} (value: the origin's ARN or name, data: every
     * origin field), and, when known, an {@code observables} entry of the same name.
     */
    static void origin(ObjectNode record, String enrichedAttribute, EventOrigin origin) {
        if (origin == null) {
            return;
        }
        ObjectNode e = record.putArray("enrichments").addObject();
        e.put("name", enrichedAttribute);
        e.put("value", origin.known() ? origin.label() : EventOrigin.UNKNOWN);
        e.put("type", "origin").put("provider", "Trailhound");
        e.put("desc", "The person, workload or account behind the credentials (" + ORIGIN_NAME + ")");
        ObjectNode data = e.putObject("data");
        put(data, "type", origin.type());
        put(data, "arn", origin.arn());
        put(data, "name", origin.name());
        put(data, "provider", origin.provider());
        put(data, "account", origin.account());
        data.put("confidence", origin.confidence());
        put(data, "reason", origin.reason());
        if (!origin.via().isEmpty()) {
            ArrayNode via = data.putArray("via");
            origin.via().forEach(via::add);
        }
        if (origin.known()) {
            ObjectNode ob = record.putArray("observables").addObject();
            ob.put("name", ORIGIN_NAME);
            boolean arn = origin.arn() != null;
            ob.put("type_id", arn ? OBSERVABLE_RESOURCE_UID : OBSERVABLE_USER_NAME);
            ob.put("type", arn ? "Resource UID" : "User Name");
            ob.put("value", origin.label());
        }
    }

    static void put(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}
