package io.trailhound.core.rules.falco;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.event.CloudTrailEvent;

/** The plugin's one-line summaries: {@code ct.info} and {@code evt.plugininfo}, and the S3 fields they use. */
final class SummaryFields {
    private SummaryFields() {
    }

    static String shortSource(String src) {
        if (src == null) {
            return null;
        }
        return src.length() > 14 && src.endsWith(".amazonaws.com") ? src.substring(0, src.length() - 14) : src;
    }

    static String s3Uri(JsonNode root) {
        JsonNode b = PluginJson.at(root, "requestParameters", "bucketName");
        JsonNode k = PluginJson.at(root, "requestParameters", "key");
        if (b == null || k == null || !b.isTextual() || !k.isTextual()) {
            return null;
        }
        return "s3://" + b.textValue() + "/" + k.textValue();
    }

    static String s3Bytes(JsonNode root) {
        Long in = PluginJson.integer(root, "additionalEventData", "bytesTransferredIn");
        Long out = PluginJson.integer(root, "additionalEventData", "bytesTransferredOut");
        if (in == null && out == null) {
            return null;
        }
        return Long.toString((in == null ? 0 : in) + (out == null ? 0 : out));
    }

    /** {@code "<user> via <srcip> <!><→|←> <name>"} plus S3 details, as the plugin's getEvtInfo writes it. */
    static String info(CloudTrailEvent e) {
        String user = IdentityFields.user(e);
        String src = e.sourceIPAddress();
        String name = e.eventName();
        if (user == null) {
            return "<invalid cloudtrail event: userIdentity field missing>";
        }
        if (src == null) {
            return "<invalid cloudtrail event: eventSource field missing>";
        }
        if (name == null) {
            return "<invalid cloudtrail event: eventName field missing>";
        }
        StringBuilder sb = new StringBuilder(user);
        if (!user.equals(src)) {
            sb.append(" via ").append(src);
        }
        sb.append(' ');
        if (e.errorCode() != null) {
            sb.append('!');
        }
        sb.append(Boolean.FALSE.equals(e.readOnly()) ? '→' : '←').append(' ').append(name);
        JsonNode root = e.tree();
        if ("PutBucketPublicAccessBlock".equals(name)) {
            // The plugin reads these keys at the top level of the record, so they are always false.
            return sb.append(" BlockPublicAcls=false BlockPublicPolicy=false IgnorePublicAcls=false"
                    + " RestrictPublicBuckets=false ").toString();
        }
        String size = s3Bytes(root);
        if (size != null) {
            sb.append(" Size=").append(size);
        }
        String uri = s3Uri(root);
        String bucket = PluginJson.string(root, "requestParameters", "bucketName");
        String key = PluginJson.string(root, "requestParameters", "key");
        String host = PluginJson.string(root, "requestParameters", "Host");
        if (uri != null) {
            sb.append(" URI=").append(uri);
        } else if (bucket != null) {
            sb.append(" Bucket=").append(bucket);
        } else if (key != null) {
            sb.append(" Key=").append(key);
        } else if (host != null) {
            sb.append(" Host=").append(host);
        }
        return sb.toString();
    }

    /** {@code evt.plugininfo}: {@code "<region>[ <user>] <shortsrc> <name> <info>"}. */
    static String pluginInfo(CloudTrailEvent e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.awsRegion()));
        String user = IdentityFields.user(e);
        if (user != null) {
            sb.append(' ').append(user);
        }
        return sb.append(' ').append(shortSource(e.eventSource())).append(' ').append(e.eventName())
                .append(' ').append(info(e)).toString();
    }
}
