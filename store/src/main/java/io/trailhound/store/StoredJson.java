package io.trailhound.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The store's answers as JSON, as the CLI prints them and the web API serves them: one shape for
 * both (the keys are public). Values are not escaped here; the writer's mapper does that.
 */
public final class StoredJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StoredJson() {
    }

    /** A stored event with its origin ({@code search}, {@code timeline}, the {@code event} of {@code who}). */
    public static ObjectNode event(StoredEvent e) {
        ObjectNode o = NODES.objectNode();
        o.put("eventID", e.eventID());
        o.put("eventTime", e.eventTime().toString());
        o.put("eventSource", e.eventSource());
        o.put("eventName", e.eventName());
        o.put("awsRegion", e.awsRegion());
        o.put("sourceIPAddress", e.sourceIPAddress());
        o.put("userAgent", e.userAgent());
        if (e.errorCode() != null) {
            o.put("errorCode", e.errorCode());
        }
        o.put("recipientAccountId", e.recipientAccountId());
        ObjectNode u = o.putObject("userIdentity");
        u.put("type", e.identityType());
        u.put("arn", e.identityArn());
        u.put("accessKeyId", e.accessKeyId());
        if (e.sessionIssuerArn() != null) {
            u.put("sessionIssuerArn", e.sessionIssuerArn());
        }
        o.set("origin", origin(e.originType(), e.originArn(), e.originName(), e.originProvider(), e.originAccount(),
                e.confidence(), e.reason()));
        if (e.raw() != null) {
            try {
                o.set("raw", MAPPER.readTree(e.raw()));
            } catch (java.io.IOException x) {
                o.put("raw", e.raw());
            }
        }
        return o;
    }

    /** {@code {type, arn | name, provider?, account?, confidence, reason?}}; confidence "unknown" when not attributed. */
    public static ObjectNode origin(String type, String arn, String name, String provider, String account, String confidence,
                                    String reason) {
        return io.trailhound.core.alert.AlertJson.origin(type, arn, name, provider, account, confidence, reason);
    }

    /** {@code who --format json}. */
    public static ObjectNode who(WhoAnswer w) {
        ObjectNode o = NODES.objectNode();
        o.put("query", w.query());
        o.put("matchedBy", w.matchedBy());
        o.put("matchingEvents", w.events());
        if (w.originType() == null && w.originLabel() == null) {
            o.putNull("origin");
        } else {
            ObjectNode origin = o.putObject("origin");
            origin.put("type", w.originType());
            if (w.originArn() != null) {
                origin.put("arn", w.originArn());
            } else {
                origin.put("name", w.originName());
            }
            if (w.originProvider() != null) {
                origin.put("provider", w.originProvider());
            }
            if (w.originAccount() != null) {
                origin.put("account", w.originAccount());
            }
        }
        o.put("confidence", w.confidence());
        if (w.reason() != null) {
            o.put("reason", w.reason());
        }
        ArrayNode chain = o.putArray("chain");
        for (WhoAnswer.ChainHop h : w.chain()) {
            chain.addObject().put("arn", h.arn()).put("accessKeyId", h.accessKeyId()).put("eventID", h.eventID())
                    .put("eventName", h.eventName()).put("time", h.time() == null ? null : h.time().toString())
                    .put("account", h.account()).put("linkedBy", h.linkedBy());
        }
        ArrayNode anomalies = o.putArray("anomalies");
        w.anomalies().forEach(anomalies::add);
        if (w.event() != null) {
            o.set("event", event(w.event()));
        }
        if (!w.otherOrigins().isEmpty()) {
            ArrayNode all = o.putArray("origins");
            for (WhoAnswer.OriginCount c : w.otherOrigins()) {
                all.addObject().put("type", c.type()).put("origin", c.label()).put("confidence", c.confidence())
                        .put("events", c.events());
            }
        }
        return o;
    }
}
