package io.trailhound.core.rules.falco;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Accessors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The CloudTrail plugin's fields (falcosecurity/plugins, plugins/cloudtrail extract.go, v0.17.1),
 * with its semantics: a missing key is absent, a present non-string is {@code ""}, whole objects
 * are compact JSON. Fields the decoder already holds read the decoded value, not the tree; there
 * a JSON {@code null} counts as absent where the plugin would give {@code ""} (so
 * {@code "errorCode": null} is no error, which is what the record means).
 *
 * <p>Deliberate fixes of plugin bugs: {@code ct.request.documentname} reads
 * {@code requestParameters.documentName} (the plugin never matches its own field name, so it is
 * always absent there); {@code ct.sessioncredentialfromconsole} and the other flags read the
 * string {@code "true"} as true (the plugin's {@code GetBool} reads it as false).
 */
final class CloudTrailFields {
    private CloudTrailFields() {
    }

    static List<FieldDef> definitions() {
        List<FieldDef> d = new ArrayList<>();
        hot(d, "ct.id", "eventID", "the unique ID of the event");
        hot(d, "ct.error", "errorCode", "the error code of the call; absent when it succeeded");
        hot(d, "ct.errormessage", "errorMessage", "the error message of the call, if any");
        tree(d, "ct.time", "the event time as the record writes it (eventTime)", "eventTime");
        hot(d, "ct.src", "eventSource", "the service that was called, e.g. ecs.amazonaws.com (eventSource)");
        derived(d, "ct.shortsrc", "the service without '.amazonaws.com', e.g. ecs",
                e -> SummaryFields.shortSource(e.eventSource()));
        hot(d, "ct.name", "eventName", "the name of the API call (eventName)");
        derived(d, "ct.user", "the caller: user name (Root, IAMUser), the invoking service (AWSService), the "
                + "role (AssumedRole), or AWSAccount / FederatedUser; absent for other identity types",
                IdentityFields::user);
        derived(d, "ct.originaluser", "the session name of an assumed role, else the user name",
                IdentityFields::originalUser);
        derived(d, "ct.user.accountid", "the caller's account (userIdentity.accountId, else recipientAccountId)",
                IdentityFields::accountId);
        hot(d, "ct.user.identitytype", "userIdentity.type", "the identity type: Root, IAMUser, AssumedRole, ...");
        hot(d, "ct.user.principalid", "userIdentity.principalId", "the caller's principal ID");
        hot(d, "ct.user.arn", "userIdentity.arn", "the caller's ARN");
        hot(d, "ct.region", "awsRegion", "the region of the call (awsRegion)");
        tree(d, "ct.response.subnetid", "the subnet ID in the response", "responseElements", "subnetId");
        tree(d, "ct.response.reservationid", "the reservation ID in the response", "responseElements",
                "reservationId");
        json(d, "ct.response", "the response elements as compact JSON", "responseElements");
        request(d, "availabilityzone", "availabilityZone");
        request(d, "cluster", "cluster");
        request(d, "functionname", "functionName");
        request(d, "groupname", "groupName");
        request(d, "host", "Host");
        request(d, "name", "name");
        request(d, "policy", "policy");
        request(d, "reason", "reason");
        request(d, "target", "target");
        request(d, "documentname", "documentName");
        request(d, "serialnumber", "serialNumber");
        request(d, "servicename", "serviceName");
        request(d, "subnetid", "subnetId");
        request(d, "taskdefinition", "taskDefinition");
        request(d, "username", "userName");
        json(d, "ct.request", "the request parameters as compact JSON", "requestParameters");
        hot(d, "ct.srcip", "sourceIPAddress", "the caller's IP address, or a service host name (sourceIPAddress)");
        hot(d, "ct.useragent", "userAgent", "the caller's user agent");
        computed(d, "ct.info", "a one-line summary of the event", SummaryFields::info);
        flag(d, "ct.managementevent", "'true' for a management event (managementEvent)", "managementEvent");
        flag(d, "ct.readonly", "'true' for a read-only call (readOnly)", "readOnly");
        hot(d, "ct.requestid", "requestID", "the request ID");
        hot(d, "ct.eventtype", "eventType", "the event type: AwsApiCall, AwsConsoleSignIn, ...");
        tree(d, "ct.apiversion", "the API version (apiVersion)", "apiVersion");
        treeComputed(d, "ct.resources", "the resources list, each as compact JSON, joined by ','",
                CloudTrailFields::resources);
        hot(d, "ct.recipientaccountid", "recipientAccountId", "the account that received the event");
        tree(d, "ct.serviceeventdetails", "serviceEventDetails ('' when it is an object, as in the plugin)",
                "serviceEventDetails");
        hot(d, "ct.sharedeventid", "sharedEventID", "the ID shared by the copies of a cross-account event");
        tree(d, "ct.vpcendpointid", "the VPC endpoint used (vpcEndpointId)", "vpcEndpointId");
        hot(d, "ct.eventcategory", "eventCategory", "Management, Data or NetworkActivity");
        tree(d, "ct.addendum.reason", "why the event was re-delivered (addendum.reason)", "addendum", "reason");
        tree(d, "ct.addendum.updatedfields", "fields changed by the addendum", "addendum", "updatedFields");
        tree(d, "ct.addendum.originalrequestid", "the original request ID", "addendum", "originalRequestID");
        tree(d, "ct.addendum.originaleventid", "the original event ID", "addendum", "originalEventID");
        flag(d, "ct.sessioncredentialfromconsole", "'true' when the session credentials came from the console",
                "sessionCredentialFromConsole");
        tree(d, "ct.edgedevicedetails", "edgeDeviceDetails ('' when it is an object, as in the plugin)",
                "edgeDeviceDetails");
        tree(d, "ct.tlsdetails.tlsversion", "the TLS version", "tlsDetails", "tlsVersion");
        tree(d, "ct.tlsdetails.ciphersuite", "the TLS cipher suite", "tlsDetails", "cipherSuite");
        tree(d, "ct.tlsdetails.clientprovidedhostheader", "the host header the client sent", "tlsDetails",
                "clientProvidedHostHeader");
        json(d, "ct.additionaleventdata", "the additional event data as compact JSON", "additionalEventData");
        treeComputed(d, "s3.uri", "s3://bucket/key, when the request names both", SummaryFields::s3Uri);
        tree(d, "s3.bucket", "the bucket name (requestParameters.bucketName)", "requestParameters", "bucketName");
        tree(d, "s3.key", "the object key (requestParameters.key)", "requestParameters", "key");
        number(d, "s3.bytes", "bytes transferred in plus out", SummaryFields::s3Bytes);
        number(d, "s3.bytes.in", "bytes transferred in", r -> text(PluginJson.integer(r, "additionalEventData",
                "bytesTransferredIn")));
        number(d, "s3.bytes.out", "bytes transferred out", r -> text(PluginJson.integer(r, "additionalEventData",
                "bytesTransferredOut")));
        counter(d, "s3.cnt.get", "1 for a GetObject call, absent otherwise", n -> "GetObject".equals(n));
        counter(d, "s3.cnt.put", "1 for a PutObject call, absent otherwise", n -> "PutObject".equals(n));
        counter(d, "s3.cnt.other", "1 for a call other than GetObject / PutObject, absent otherwise",
                n -> n != null && !"GetObject".equals(n) && !"PutObject".equals(n));
        treeComputed(d, "ec2.name", "the Name tag of the instance being launched", Ec2Fields::name);
        d.add(new FieldDef("ec2.imageid", FieldType.STRING, FieldArg.NONE,
                "the first image ID of the call (deprecated: use ec2.imageids)",
                arg -> Accessors.parsed("ec2.imageid", e -> {
                    List<String> ids = Ec2Fields.imageIds(e.tree());
                    return ids.isEmpty() ? null : ids.get(0);
                })));
        d.add(new FieldDef("ec2.imageids", FieldType.STRING_LIST, FieldArg.OPTIONAL,
                "the image IDs of the instances launched (or the one the request names); [N] picks one",
                CloudTrailFields::imageIds));
        tree(d, "ecr.repository", "the ECR repository name", "requestParameters", "repositoryName");
        tree(d, "ecr.imagetag", "the ECR image tag", "requestParameters", "imageTag");
        tree(d, "iam.role", "the IAM role name (requestParameters.roleName)", "requestParameters", "roleName");
        tree(d, "iam.policy", "the IAM policy name (requestParameters.policyName)", "requestParameters",
                "policyName");
        return d;
    }

    private static Accessor imageIds(String arg) {
        Integer index = null;
        if (arg != null) {
            try {
                index = Integer.parseInt(arg.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ec2.imageids takes a numeric index, not '" + arg + "'");
            }
        }
        Integer i = index;
        String name = arg == null ? "ec2.imageids" : "ec2.imageids[" + arg + "]";
        return Accessors.parsed(name, e -> Ec2Fields.imageIdsValue(e.tree(), i));
    }

    private static String resources(JsonNode root) {
        JsonNode r = PluginJson.at(root, "resources");
        if (r == null || !r.isArray() || r.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode el : r) {
            sb.append(sb.length() == 0 ? "" : ",").append(el.toString());
        }
        return sb.toString();
    }

    private static String text(Long n) {
        return n == null ? null : n.toString();
    }

    /**
     * A field the decoder holds, read as the shared accessor reads it (so {@code ct.name} costs what
     * {@code event.action} and Sigma's {@code eventName} cost, and keeps the canonical name the
     * engine indexes by).
     */
    private static void hot(List<FieldDef> d, String name, String path, String description) {
        string(d, name, description, Accessors.renamed(name, Accessors.path(path, Accessors.ObjectValues.ABSENT)));
    }

    private static void tree(List<FieldDef> d, String name, String description, String... path) {
        // A string's text, or "" for another value, which contains no text a test can need.
        string(d, name, description, Accessors.fromMember(name, path[0], e -> PluginJson.string(e, path)));
    }

    private static void string(List<FieldDef> d, String name, String description, Accessor a) {
        d.add(new FieldDef(name, FieldType.STRING, FieldArg.NONE, description, arg -> a));
    }

    private static void request(List<FieldDef> d, String suffix, String key) {
        tree(d, "ct.request." + suffix, "requestParameters." + key, "requestParameters", key);
    }

    private static void json(List<FieldDef> d, String name, String description, String key) {
        string(d, name, description, Accessors.fromMember(name, key, e -> PluginJson.compact(e, key)));
    }

    private static void flag(List<FieldDef> d, String name, String description, String key) {
        string(d, name, description, Accessors.parsed(name, e -> PluginJson.bool(e, key)));
    }

    /** Computed from fields the decoder holds only. */
    private static void derived(List<FieldDef> d, String name, String description,
                                Function<CloudTrailEvent, Object> f) {
        string(d, name, description, Accessors.derived(name, f));
    }

    /** Computed with the record's tree. */
    private static void computed(List<FieldDef> d, String name, String description,
                                 Function<CloudTrailEvent, Object> f) {
        string(d, name, description, Accessors.parsed(name, f));
    }

    private static void treeComputed(List<FieldDef> d, String name, String description,
                                     Function<JsonNode, Object> f) {
        computed(d, name, description, e -> f.apply(e.tree()));
    }

    private static void number(List<FieldDef> d, String name, String description, Function<JsonNode, Object> f) {
        Accessor a = Accessors.parsed(name, e -> f.apply(e.tree()));
        d.add(new FieldDef(name, FieldType.UINT64, FieldArg.NONE, description, arg -> a));
    }

    private static void counter(List<FieldDef> d, String name, String description,
                                java.util.function.Predicate<String> counts) {
        Accessor a = Accessors.derived(name, e -> counts.test(e.eventName()) ? "1" : null);
        d.add(new FieldDef(name, FieldType.UINT64, FieldArg.NONE, description, arg -> a));
    }
}
