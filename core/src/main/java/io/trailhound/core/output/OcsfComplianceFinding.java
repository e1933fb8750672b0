package io.trailhound.core.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.posture.CheckInfo;
import io.trailhound.core.posture.Finding;
import java.time.Instant;

/**
 * A posture finding as OCSF Compliance Finding (class 2003, activity Create): {@code compliance}
 * with status Fail, the CIS AWS Foundations item as {@code control} and the check
 * ({@code checks}); {@code remediation}; the user or role as the resource. {@code finding_info.uid}
 * is {@link PostureIds#id}, stable across runs.
 */
public final class OcsfComplianceFinding {
    public static final int CLASS_UID = 2003;
    static final String CIS = "CIS AWS Foundations Benchmark";

    private OcsfComplianceFinding() {
    }

    /** {@code asOf}: when the inputs were evaluated; {@code version}: Trailhound's, or null. */
    public static ObjectNode of(Finding f, CheckInfo check, Instant asOf, String version) {
        ObjectNode o = Ocsf.classified(2, "Findings", CLASS_UID, "Compliance Finding", 1, "Create");
        Ocsf.severity(o, f.severity());
        o.put("time", asOf.toEpochMilli());
        String id = PostureIds.id(f);
        Ocsf.metadata(o, id, "Trailhound", "Trailhound", version);
        Ocsf.cloud(o, null, f.account());
        o.put("message", f.detail());
        o.put("status_id", 1).put("status", "New");
        ObjectNode info = o.putObject("finding_info");
        info.put("uid", id);
        info.put("title", check == null ? f.check() : check.title());
        info.put("desc", f.detail());
        info.put("created_time", asOf.toEpochMilli());
        info.putArray("types").add("posture");
        ObjectNode c = o.putObject("compliance");
        c.put("status_id", 3).put("status", "Fail");
        if (check != null && check.cis() != null) {
            c.put("control", check.cis());
            c.putArray("standards").add(CIS);
        }
        if (check != null && check.securityHub() != null) {
            c.putArray("requirements").add("Security Hub " + check.securityHub());
        }
        ObjectNode ch = c.putArray("checks").addObject();
        ch.put("uid", f.check()).put("name", check == null ? f.check() : check.title());
        ch.put("status_id", 3).put("status", "Fail");
        Ocsf.severity(ch, f.severity());
        if (check != null && check.remediation() != null) {
            o.putObject("remediation").put("desc", check.remediation());
        }
        ObjectNode r = o.putArray("resources").addObject();
        if (f.role() != null) {
            r.put("uid", f.role()).put("type", "AWS::IAM::Role");
        } else if (f.user() != null) {
            r.put("name", f.user()).put("type", f.user().equals("<root_account>") ? "AWS::Account::Root" : "AWS::IAM::User");
        } else {
            r.put("uid", f.account()).put("type", "AWS::Account");
        }
        r.putObject("owner").putObject("account").put("uid", f.account()).put("type_id", 10).put("type", "AWS Account");
        return o;
    }
}
