package io.trailhound.core.posture;

import io.trailhound.core.Severity;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.identity.PolicyDocument;
import io.trailhound.core.identity.RoleTrust;
import io.trailhound.core.rules.ir.Wildcard;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code role-session-name-not-pinned}: a role that IAM users or other accounts can assume, whose
 * trust policy neither pins {@code sts:RoleSessionName} to {@code ${aws:username}} nor requires
 * {@code sts:SourceIdentity}. The caller then picks any session name, and CloudTrail records of
 * the role's actions do not say who took them when the AssumeRole record is missing.
 */
final class RoleSessionNameNotPinned implements PostureCheck {
    static final CheckInfo INFO = new CheckInfo("role-session-name-not-pinned",
            "Role trust does not pin the session name or require a source identity", Severity.MEDIUM, "roles",
            "Without it the caller chooses the session name, so the role's actions in CloudTrail cannot be tied to a person.",
            "Add a condition to the trust policy statement (the detail shows the block to add).",
            null, null, null, List.of());

    /** For callers that are IAM users: the session name must be the user's name. */
    static final String PIN_SESSION_NAME = "\"Condition\": {\"StringLike\": {\"sts:RoleSessionName\": \"${aws:username}\"}}";
    /** For callers that are roles (${aws:username} does not exist for them): a source identity must be set. */
    static final String REQUIRE_SOURCE_IDENTITY = "\"Condition\": {\"Null\": {\"sts:SourceIdentity\": \"false\"}} "
            + "and allow sts:SetSourceIdentity";

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public int evaluate(AccountInputs in, AuditContext ctx, List<Finding> out) {
        if (in.roles() == null) {
            return 0;
        }
        int applicable = 0;
        for (RoleTrust role : in.roles()) {
            if (role.trustPolicy() == null) {
                continue;
            }
            String account = accountOf(role.arn(), in.accountId());
            Set<String> unguarded = new LinkedHashSet<>();
            boolean assumable = false;
            for (JsonNode st : PolicyDocument.statements(role.trustPolicy())) {
                List<String> callers = peopleOrOtherAccounts(st, account);
                if (callers.isEmpty()) {
                    continue;
                }
                assumable = true;
                JsonNode condition = st.path("Condition");
                if (!PolicyDocument.pinsSessionName(condition) && !PolicyDocument.requiresSourceIdentity(condition)) {
                    unguarded.addAll(callers);
                }
            }
            applicable += assumable ? 1 : 0;
            if (!unguarded.isEmpty()) {
                boolean onlyRoles = unguarded.stream().allMatch(p -> p.contains(":role/"));
                out.add(new Finding(INFO.id(), INFO.severity(), account, null, role.arn(),
                        "trusts " + String.join(", ", unguarded) + " with no condition on sts:RoleSessionName or "
                                + "sts:SourceIdentity; add " + (onlyRoles ? REQUIRE_SOURCE_IDENTITY : PIN_SESSION_NAME), -1));
            }
        }
        return applicable;
    }

    /**
     * The AWS principals of an Allow statement that lets IAM users or other accounts assume the
     * role: {@code *}, account ids and roots, users, and anything in another account. Roles of the
     * same account (chaining inside the account) and services or identity providers do not count.
     */
    private static List<String> peopleOrOtherAccounts(JsonNode st, String account) {
        List<String> out = new ArrayList<>();
        if (!"Allow".equals(st.path("Effect").asText()) || !allowsAssumeRole(st)) {
            return out;
        }
        for (String p : PolicyDocument.strings(st.path("Principal").path("AWS"))) {
            boolean sameAccountRole = p.startsWith("arn:") && p.contains(":role/") && account.equals(accountOf(p, ""))
                    || p.startsWith("AROA");
            if (!sameAccountRole) {
                out.add(p);
            }
        }
        if (st.path("Principal").isTextual() && "*".equals(st.path("Principal").asText())) {
            out.add("*");
        }
        return out;
    }

    /** Whether the statement's Action (or NotAction) covers sts:AssumeRole, IAM wildcards and case as IAM reads them. */
    private static boolean allowsAssumeRole(JsonNode st) {
        boolean not = !st.has("Action") && st.has("NotAction");
        for (String a : PolicyDocument.strings(st.get(not ? "NotAction" : "Action"))) {
            if (Wildcard.parse(a, true).test("sts:AssumeRole")) {
                return !not;
            }
        }
        return not;
    }

    private static String accountOf(String arn, String fallback) {
        if (arn != null && arn.matches("\\d{12}")) {
            return arn;
        }
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        return parts.length >= 5 && parts[4].matches("\\d{12}") ? parts[4] : fallback;
    }
}
