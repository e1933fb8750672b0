package io.trailhound.core.rules.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Accessors;
import io.trailhound.core.rules.ir.IpLiteral;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The ECS view of a CloudTrail event: every field Elastic's AWS integration pipeline
 * ({@code aws.cloudtrail} data stream, newest generation read) produces, as an accessor computed
 * lazily from the same {@link CloudTrailEvent}. Rules compile their field names through
 * {@link #resolve}; nothing is looked up by name per event.
 */
final class EcsFields {
    /** Elasticsearch does not index a keyword longer than this ({@code ignore_above} in the integration's mapping). */
    public static final int REQUEST_PARAMETERS_IGNORE_ABOVE = 8191;
    static final String DATASET = "aws.cloudtrail";
    private static final String FLATTENED = "aws.cloudtrail.flattened.";
    private static final Map<String, String> FLATTENED_SOURCES = Map.of(
            "request_parameters", "requestParameters",
            "response_elements", "responseElements",
            "additional_eventdata", "additionalEventData",
            "service_event_details", "serviceEventDetails",
            "insight_details", "insightDetails");
    private static final String UA_PARSER = "user_agent.* (other than user_agent.original): needs a user-agent "
            + "parser, none is bundled, so the field is always absent";

    static final String TIMESTAMP = "@timestamp";
    private static final Map<String, Accessor> PRODUCED = new LinkedHashMap<>();
    /** The fields that render one member of the record ({@link #mapTextMember}), with the member. */
    private static final Map<String, String> MAP_TEXT_MEMBERS = new HashMap<>();
    /** The fields that have one value on every CloudTrail event, with it. */
    private static final Map<String, String> CONSTANTS = new LinkedHashMap<>();

    static {
        constant("event.dataset", DATASET);
        constant("data_stream.dataset", DATASET);
        constant("event.module", "aws");
        constant("event.kind", "event");
        constant("cloud.provider", "aws");
        constant("ecs.version", "8.11.0");
        PRODUCED.put("event.action", Accessors.renamed("event.action", Accessors.eventName()));
        PRODUCED.put("event.provider", Accessors.renamed("event.provider", Accessors.eventSource()));
        field(TIMESTAMP, e -> PipelineValues.esDate(e.eventTime()));
        field("event.original", CloudTrailEvent::rawJson);
        decoded("event.outcome", EcsFields::outcome);
        decoded("event.category", e -> EcsValues.of(EcsCategorisation.category(e.eventName())));
        decoded("event.type", e -> EcsValues.of(EcsCategorisation.type(e.eventName())));
        decoded("cloud.account.id", e -> {
            String id = PipelineValues.clean(e.userIdentity().accountId());
            return id != null ? id : PipelineValues.clean(e.recipientAccountId());
        });
        decoded("cloud.service.name", e -> {
            String s = e.eventSource();
            return s != null && s.endsWith(".amazonaws.com") ? s.substring(0, s.length() - ".amazonaws.com".length())
                    : null;
        });
        decoded("source.ip", e -> IpLiteral.isIp(e.sourceIPAddress()) ? e.sourceIPAddress() : null);
        field("service.name", IdentityFields::serviceName);
        field("user.name", IdentityFields::userName);
        field("user.id", IdentityFields::userId);
        field("user.email", IdentityFields::email);
        field("related.user", IdentityFields::relatedUser);
        field("related.ip", e -> EcsValues.of(IdentityFields.relatedIp(e)));
        field("related.hosts", EcsFields::relatedHosts);
        field("related.entity", EntityFields::related);
        field("entity.target.id", EntityFields::targetId);
        field("aws.cloudtrail.user_identity.session_context.mfa_authenticated", e -> {
            Boolean mfa = e.userIdentity().mfaAuthenticated();
            return mfa == null ? null : mfa.toString();
        });
        field("aws.cloudtrail.user_identity.session_context.creation_date",
                e -> PipelineValues.esDate(e.userIdentity().sessionCreationDate()));
        field("aws.cloudtrail.session_credential_from_console",
                e -> e.sessionCredentialFromConsole() ? "true" : null);
        memberText("aws.cloudtrail.request_parameters", "requestParameters", true);
        memberText("aws.cloudtrail.response_elements", "responseElements", true);
        field("aws.cloudtrail.additional_eventdata", e -> PipelineValues.mapText(additionalEventData(e)));
        memberText("aws.cloudtrail.service_event_details", "serviceEventDetails", false);
        field("aws.cloudtrail.resources.arn", e -> resources(e, "ARN"));
        field("aws.cloudtrail.resources.account_id", e -> resources(e, "accountId"));
        field("aws.cloudtrail.resources.type", e -> resources(e, "type"));
        field("tls.version_protocol", e -> tlsVersion(e, true));
        field("tls.version", e -> tlsVersion(e, false));
        for (String k : List.of("mobile_version:MobileVersion", "login_to:LoginTo", "mfa_used:MFAUsed")) {
            String[] kv = k.split(":");
            field("aws.cloudtrail.console_login.additional_eventdata." + kv[0], e -> consoleLogin(e, kv[1]));
        }
        copy("event.id", "eventID");
        copy("cloud.region", "awsRegion");
        copy("source.address", "sourceIPAddress");
        copy("user_agent.original", "userAgent");
        copy("user.changes.name", "requestParameters.newUserName");
        copy("user.target.name", "requestParameters.userName");
        copy("user.target.id", "responseElements.user.userId");
        copy("group.id", "responseElements.group.groupId");
        copy("group.name", "requestParameters.groupName");
        copy("tls.cipher", "tlsDetails.cipherSuite");
        copy("tls.client.server_name", "tlsDetails.clientProvidedHostHeader");
        copy("aws.cloudtrail.tls_details.key_exchange", "tlsDetails.keyExchange");
        copy("aws.cloudtrail.event_version", "eventVersion");
        copy("aws.cloudtrail.event_category", "eventCategory");
        copy("aws.cloudtrail.event_type", "eventType");
        copy("aws.cloudtrail.api_version", "apiVersion");
        copy("aws.cloudtrail.management_event", "managementEvent");
        copy("aws.cloudtrail.read_only", "readOnly");
        copy("aws.cloudtrail.request_id", "requestID");
        copy("aws.cloudtrail.recipient_account_id", "recipientAccountId");
        copy("aws.cloudtrail.vpc_endpoint_id", "vpcEndpointId");
        copy("aws.cloudtrail.vpc_endpoint_account_id", "vpcEndpointAccountId");
        copy("aws.cloudtrail.error_code", "errorCode");
        copy("aws.cloudtrail.error_message", "errorMessage");
        for (String k : List.of("reason", "updated_fields", "original_request_id", "original_event_id")) {
            copy("aws.cloudtrail.addendum." + k, "addendum." + camel(k));
        }
        String ui = "aws.cloudtrail.user_identity.";
        copy(ui + "type", "userIdentity.type");
        copy(ui + "arn", "userIdentity.arn");
        // The decoder holds the key (an empty one as null, which the pipeline's remove-empty drops too).
        decoded(ui + "access_key_id", e -> e.userIdentity().accessKeyId());
        copy(ui + "invoked_by", "userIdentity.invokedBy");
        copy(ui + "invoked_by_delegate.account_id", "userIdentity.invokedByDelegate.accountId");
        copy(ui + "credential_id", "userIdentity.credentialId");
        copy(ui + "identity_provider", "userIdentity.identityProvider");
        copy(ui + "on_behalf_of.user_id", "userIdentity.onBehalfOf.userId");
        copy(ui + "on_behalf_of.identity_store_arn", "userIdentity.onBehalfOf.identityStoreArn");
        for (String k : List.of("issuer_type", "credentials_issued_to", "source_arn", "source_account")) {
            copy(ui + "in_scope_of." + k, "userIdentity.inScopeOf." + camel(k));
        }
        String sc = ui + "session_context.";
        for (String k : List.of("type", "principal_id", "arn", "account_id")) {
            copy(sc + "session_issuer." + k, "userIdentity.sessionContext.sessionIssuer." + camel(k));
        }
        copy(sc + "source_identity", "userIdentity.sessionContext.sourceIdentity");
        copy(sc + "web_id_federation_data.federated_provider",
                "userIdentity.sessionContext.webIdFederationData.federatedProvider");
        copy(sc + "assumed_root", "userIdentity.sessionContext.assumedRoot");
        copy(sc + "ec2_role_delivery", "userIdentity.sessionContext.ec2RoleDelivery");
        copy(sc + "sign_in_session_arn", "userIdentity.sessionContext.signInSessionArn");
        field("aws.cloudtrail.shared_event_id", e -> {
            String id = PipelineValues.clean(e.sharedEventID());
            return id != null ? id : IdentityFields.text(path(e.member("sharedEventId")));
        });
    }

    private EcsFields() {
    }

    /** What {@code name} means here without GeoIP databases. Never null: unknown fields get an always-absent accessor. */
    public static EcsField resolve(String name) {
        return resolve(name, GeoIp.NONE);
    }

    /**
     * What {@code name} means here, with {@code source.geo.*} / {@code source.as.*} looked up in
     * {@code geo}. Never null: unknown fields get an always-absent accessor.
     */
    public static EcsField resolve(String name, GeoIp geo) {
        Accessor a = PRODUCED.get(name);
        if (a != null) {
            return new EcsField(a, EcsField.Kind.PRODUCED, null);
        }
        if (name.startsWith(FLATTENED)) {
            String rest = name.substring(FLATTENED.length());
            int dot = rest.indexOf('.');
            String object = dot < 0 ? rest : rest.substring(0, dot);
            String source = FLATTENED_SOURCES.get(object);
            if (source != null) {
                String[] path = dot < 0 ? new String[0] : rest.substring(dot + 1).split("\\.");
                return new EcsField(FlattenedField.accessor(name, source, path), EcsField.Kind.PRODUCED, null);
            }
        }
        EcsField geoField = GeoFields.resolve(name, geo);
        if (geoField != null) {
            return geoField;
        }
        if (name.startsWith("user_agent.")) {
            return new EcsField(absent(name), EcsField.Kind.NEEDS_DATA, UA_PARSER);
        }
        return new EcsField(absent(name), EcsField.Kind.UNKNOWN,
                name + ": not a field the CloudTrail pipeline sets; always absent");
    }

    /** Every field name the view produces, flattened prefixes excepted (for wildcard field names). */
    public static Set<String> producedNames() {
        return Collections.unmodifiableSet(PRODUCED.keySet());
    }

    /** As {@link #producedNames()}, plus the GeoIP fields {@code geo} can set. */
    public static Set<String> producedNames(GeoIp geo) {
        Set<String> out = new LinkedHashSet<>(PRODUCED.keySet());
        out.addAll(GeoFields.names(geo));
        return Collections.unmodifiableSet(out);
    }

    private static Accessor absent(String name) {
        return Accessors.absent(name);
    }

    private static void constant(String name, String value) {
        PRODUCED.put(name, Accessors.constant(name, value));
        CONSTANTS.put(name, value);
    }

    /**
     * {@code @timestamp} in epoch milliseconds where its text ({@link PipelineValues#esDate}) is
     * written from those milliseconds and reads back as them; else {@link Long#MIN_VALUE}.
     */
    static long timestampMillis(CloudTrailEvent e) {
        return PipelineValues.fastDate(e.eventTimeMillis()) ? e.eventTimeMillis() : Long.MIN_VALUE;
    }

    /** The value {@code name} has on every CloudTrail event ({@code data_stream.dataset}), or null. */
    public static String constantValue(String name) {
        return CONSTANTS.get(name);
    }

    /** A field that is a member's {@link PipelineValues#mapText}; {@code indexed}: absent past {@code ignore_above}. */
    private static void memberText(String name, String member, boolean indexed) {
        MAP_TEXT_MEMBERS.put(name, member);
        // Every text in the rendering is a key's or a value's from the member: byte checks may cover it.
        // Rendered once per event however many rules and queries read it (the event keeps the last such value).
        Object once = new Object();
        Function<CloudTrailEvent, Object> text = indexed ? e -> indexedText(e, member)
                : e -> PipelineValues.mapText(e.member(member));
        PRODUCED.put(name, Accessors.fromMember(name, member, PipelineValues.MAP_TEXT_SEPARATORS, e -> e.derived(once, text)));
    }

    /** A field computed with the record's tree. */
    private static void field(String name, Function<CloudTrailEvent, Object> read) {
        PRODUCED.put(name, Accessors.parsed(name, read));
    }

    /** A field computed from what the decoder holds: tested before fields that parse the record. */
    private static void decoded(String name, Function<CloudTrailEvent, Object> read) {
        PRODUCED.put(name, Accessors.derived(name, read));
    }

    /** A CloudTrail field copied unchanged (after remove-nulls) under an ECS name. */
    private static void copy(String name, String cloudTrailPath) {
        PRODUCED.put(name, Accessors.map(Accessors.path(cloudTrailPath, Accessors.ObjectValues.ABSENT), name,
                PipelineValues::clean));
    }

    private static String camel(String snake) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    /**
     * {@code failure} when CloudTrail reports an error code or message; for ConsoleLogin the
     * response's own Success/Failure word, lower-cased.
     */
    static String outcome(CloudTrailEvent e) {
        if ("ConsoleLogin".equals(e.eventName())) {
            String login = IdentityFields.text(path(e.member("responseElements")).path("ConsoleLogin"));
            if (login != null) {
                return login.toLowerCase(java.util.Locale.ROOT);
            }
        }
        boolean failed = PipelineValues.clean(e.errorCode()) != null || PipelineValues.clean(e.errorMessage()) != null;
        return failed ? "failure" : "success";
    }

    /** The member whose {@link PipelineValues#mapText} (or nothing) field {@code name} is, or null. */
    static String mapTextMember(String name) {
        return MAP_TEXT_MEMBERS.get(name);
    }

    /** A keyword field with {@code ignore_above}: a longer value is kept in the document but not indexed, so no query sees it. */
    private static String indexedText(CloudTrailEvent e, String key) {
        String s = PipelineValues.mapText(e.member(key));
        return s == null || s.length() > REQUEST_PARAMETERS_IGNORE_ABOVE ? null : s;
    }

    /**
     * The accessor for showing {@code name} in an alert: as {@link #resolve}, except that
     * {@code request_parameters} / {@code response_elements} give their whole text even over
     * {@code ignore_above} (Elasticsearch keeps such a value in the document, it only does not
     * index it).
     */
    public static Accessor forDisplay(String name, GeoIp geo) {
        return switch (name) {
            case "aws.cloudtrail.request_parameters" -> Accessors.parsed(name,
                    e -> PipelineValues.mapText(e.member("requestParameters")));
            case "aws.cloudtrail.response_elements" -> Accessors.parsed(name,
                    e -> PipelineValues.mapText(e.member("responseElements")));
            default -> resolve(name, geo).accessor();
        };
    }

    /**
     * {@code additionalEventData} as the pipeline keeps it: for UserAuthentication without a user
     * name it first moves {@code additionalEventData.UserName} to {@code user.name}.
     */
    static JsonNode additionalEventData(CloudTrailEvent e) {
        JsonNode n = e.member("additionalEventData");
        if (n != null && n.isObject() && n.has("UserName") && "UserAuthentication".equals(e.eventName())
                && PipelineValues.clean(e.userIdentity().userName()) == null) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = ((com.fasterxml.jackson.databind.node.ObjectNode) n)
                    .deepCopy();
            copy.remove("UserName");
            return copy;
        }
        return n;
    }

    private static Object resources(CloudTrailEvent e, String key) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : path(e.member("resources"))) {
            String v = IdentityFields.text(r.path(key));
            if (v != null && !out.contains(v)) {
                out.add(v);
            }
        }
        return EcsValues.of(out);
    }

    private static String tlsVersion(CloudTrailEvent e, boolean protocol) {
        String v = IdentityFields.text(path(e.member("tlsDetails")).path("tlsVersion"));
        if (v == null || !v.startsWith("TLSv")) {
            return null;
        }
        return protocol ? "tls" : v.substring(4);
    }

    private static String consoleLogin(CloudTrailEvent e, String key) {
        if (!"ConsoleLogin".equals(e.eventName())) {
            return null;
        }
        String v = IdentityFields.text(path(e.member("additionalEventData")).path(key));
        if (v == null) {
            return null;
        }
        return key.equals("LoginTo") ? v : Boolean.toString(!"No".equals(v));
    }

    private static Object relatedHosts(CloudTrailEvent e) {
        List<String> out = new ArrayList<>();
        String host = IdentityFields.text(path(e.member("tlsDetails")).path("clientProvidedHostHeader"));
        if (host != null && !host.endsWith(".amazonaws.com")) {
            out.add(host);
        }
        String addr = PipelineValues.clean(e.sourceIPAddress());
        if (addr != null && addr.contains(".") && !addr.contains(" ") && !addr.endsWith(".amazonaws.com")
                && !IpLiteral.isIp(addr) && !out.contains(addr)) {
            out.add(addr);
        }
        String computer = IdentityFields.text(path(e.member("requestParameters")).path("computerName"));
        if (computer != null && !out.contains(computer)) {
            out.add(computer);
        }
        return EcsValues.of(out);
    }


    /** A member as {@code JsonNode.path} gives it: a missing node rather than null, for chained lookups. */
    static com.fasterxml.jackson.databind.JsonNode path(com.fasterxml.jackson.databind.JsonNode n) {
        return n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n;
    }
}
