package io.trailhound.core.rules.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.UserIdentity;
import io.trailhound.core.rules.ir.IpLiteral;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who the pipeline says acted: {@code user.*}, {@code service.name} and {@code related.user}. The
 * newest pipeline generation is followed: an AWS service actor gets {@code service.name} and no
 * {@code user.name}/{@code user.id}, and for assumed roles {@code user.name} is the role's name,
 * not the person's session name.
 */
final class IdentityFields {
    private static final String SERVICE_ROLE_PATH = ":role/aws-service-role/";

    private IdentityFields() {
    }

    static String serviceName(CloudTrailEvent e) {
        UserIdentity u = e.userIdentity();
        String invokedBy = PipelineValues.clean(u.invokedBy());
        if ("AWSService".equals(u.type())) {
            return invokedBy;
        }
        if ("AssumedRole".equals(u.type()) && u.sessionIssuer() != null && u.sessionIssuer().arn() != null) {
            String arn = u.sessionIssuer().arn();
            int at = arn.indexOf(SERVICE_ROLE_PATH);
            if (at >= 0) {
                if (invokedBy != null) {
                    return invokedBy;
                }
                String rest = arn.substring(at + SERVICE_ROLE_PATH.length());
                int slash = rest.indexOf('/');
                return slash > 0 ? rest.substring(0, slash) : null;
            }
        }
        return null;
    }

    static String userName(CloudTrailEvent e) {
        if (serviceName(e) != null) {
            return null;
        }
        UserIdentity u = e.userIdentity();
        String name = PipelineValues.clean(u.userName());
        if (("AssumedRole".equals(u.type()) || "FederatedUser".equals(u.type())) && u.sessionIssuer() != null
                && PipelineValues.clean(u.sessionIssuer().userName()) != null) {
            name = u.sessionIssuer().userName();
        }
        if (name == null && "UserAuthentication".equals(e.eventName())) {
            JsonNode n = EcsFields.path(e.member("additionalEventData")).path("UserName");
            name = n.isValueNode() ? PipelineValues.clean(n.asText()) : null;
        }
        return name;
    }

    static String userId(CloudTrailEvent e) {
        if (serviceName(e) != null) {
            return null;
        }
        UserIdentity u = e.userIdentity();
        String id = PipelineValues.clean(u.principalId());
        if (id == null && "IdentityCenterUser".equals(u.type())) {
            id = PipelineValues.clean(u.onBehalfOfUserId());
        }
        return id;
    }

    /** The last segment of an STS session ARN (the session name), for the identity types that have one. */
    static String sessionName(CloudTrailEvent e) {
        UserIdentity u = e.userIdentity();
        String t = u.type();
        if (!"AssumedRole".equals(t) && !"FederatedUser".equals(t) && !"IdentityCenterUser".equals(t)) {
            return null;
        }
        String arn = u.arn();
        if (arn == null || !arn.startsWith("arn:") || !arn.contains(":sts:")) {
            return null;
        }
        int slash = arn.lastIndexOf('/');
        return slash < 0 || slash == arn.length() - 1 ? null : arn.substring(slash + 1);
    }

    static String email(CloudTrailEvent e) {
        String name = userName(e);
        if (name != null && name.contains("@")) {
            return name;
        }
        String session = sessionName(e);
        return session != null && session.contains("@") ? session : null;
    }

    static Object relatedUser(CloudTrailEvent e) {
        Set<String> out = new LinkedHashSet<>();
        String session = sessionName(e);
        if (session != null) {
            out.add(session);
            int at = session.indexOf('@');
            if (at > 0) {
                out.add(session.substring(0, at));
            }
        }
        JsonNode t = e.tree();
        add(out, text(t.path("requestParameters").path("userName")));
        add(out, text(t.path("requestParameters").path("newUserName")));
        add(out, text(t.path("responseElements").path("user").path("userId")));
        add(out, userId(e));
        add(out, userName(e));
        add(out, PipelineValues.clean(e.userIdentity().onBehalfOfUserId()));
        return EcsValues.of(new ArrayList<>(out));
    }

    static String text(JsonNode n) {
        return n != null && n.isValueNode() ? PipelineValues.clean(n.asText()) : null;
    }

    private static void add(Set<String> out, String v) {
        if (v != null) {
            out.add(v);
        }
    }

    static List<String> relatedIp(CloudTrailEvent e) {
        List<String> out = new ArrayList<>(2);
        String ip = e.sourceIPAddress();
        if (IpLiteral.isIp(ip)) {
            out.add(ip);
        }
        String svc = text(EcsFields.path(e.member("serviceEventDetails")).path("sourceIpAddress"));
        if (IpLiteral.isIp(svc) && !out.contains(svc)) {
            out.add(svc);
        }
        return out;
    }
}
