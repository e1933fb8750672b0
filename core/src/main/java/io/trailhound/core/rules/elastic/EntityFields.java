package io.trailhound.core.rules.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.UserIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The entity fields the pipeline sets when the stream carries the {@code actor_target_mapping}
 * tag: {@code related.entity} (every identity, resource and target named by the event) and
 * {@code entity.target.id} (targets that are neither users, hosts nor services: plain role names,
 * account ids). Two new_terms rules key on {@code entity.target.id} and one query on
 * {@code related.entity}. This is the subset of the pipeline's entity script those rules need
 * (IAM role and policy targets, account-level discovery calls), not its per-service target table.
 */
final class EntityFields {
    private static final Set<String> ACCOUNT_TARGET_ACTIONS = Set.of("GetCallerIdentity", "ListUsers", "ListRoles");

    private EntityFields() {
    }

    static Object targetId(CloudTrailEvent e) {
        List<String> out = new ArrayList<>(1);
        String roleName = IdentityFields.text(EcsFields.path(e.member("requestParameters")).path("roleName"));
        if ("iam.amazonaws.com".equals(e.eventSource()) && roleName != null && !roleName.startsWith("arn:")) {
            out.add(roleName);
        }
        String action = e.eventName();
        if (action != null && (ACCOUNT_TARGET_ACTIONS.contains(action) || action.startsWith("Describe"))) {
            String account = PipelineValues.clean(e.recipientAccountId());
            if (account != null) {
                out.add(account);
            }
        }
        return EcsValues.of(out);
    }

    static Object related(CloudTrailEvent e) {
        Set<String> out = new TreeSet<>();
        UserIdentity u = e.userIdentity();
        add(out, u.arn());
        add(out, u.accessKeyId());
        add(out, u.userName());
        add(out, u.sourceIdentity());
        if (u.sessionIssuer() != null) {
            add(out, u.sessionIssuer().arn());
            add(out, u.sessionIssuer().userName());
        }
        JsonNode t = e.tree();
        for (JsonNode r : t.path("resources")) {
            add(out, IdentityFields.text(r.path("ARN")));
        }
        JsonNode rp = t.path("requestParameters");
        for (String k : List.of("roleArn", "roleName", "policyArn", "userName", "roleSessionName", "bucketName",
                "sourceIdentity", "serialNumber", "groupName")) {
            add(out, IdentityFields.text(rp.path(k)));
        }
        add(out, IdentityFields.text(t.path("responseElements").path("accessKey").path("accessKeyId")));
        return EcsValues.of(new ArrayList<>(out));
    }

    private static void add(Set<String> out, String v) {
        String c = PipelineValues.clean(v);
        if (c != null) {
            out.add(c);
        }
    }
}
