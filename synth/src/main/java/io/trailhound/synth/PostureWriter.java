package io.trailhound.synth;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Per account, the IAM posture inputs as the AWS CLI returns them at the end of the window:
 * {@code credential-report.csv}, {@code authorization-details.json}, {@code password-policy.json},
 * and {@code access-keys.json} ({@code list-access-keys} for every user, which ties the AKIA ids
 * seen in events to users; the credential report has no key ids).
 */
final class PostureWriter {
    static final String REPORT_HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,"
            + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
            + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,"
            + "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";
    private static final String NA = "N/A";

    private final ObjectMapper mapper = new ObjectMapper();
    private final DefaultPrettyPrinter pretty =
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("    ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("    ", "\n"));

    void write(OrgModel model, Path postureDir) throws IOException {
        for (Account a : model.accounts) {
            Path dir = postureDir.resolve(a.id);
            Files.createDirectories(dir);
            List<IamUser> users = new ArrayList<>(a.users);
            users.sort(Comparator.comparing(u -> u.name));
            writeCredentialReport(a, users, dir.resolve("credential-report.csv"));
            writeJson(dir.resolve("authorization-details.json"), g -> writeAuthorizationDetails(g, a, users));
            writeJson(dir.resolve("password-policy.json"), g -> writePasswordPolicy(g, a.passwordPolicy));
            writeJson(dir.resolve("access-keys.json"), g -> writeAccessKeys(g, users));
        }
    }

    // ------------------------------------------------------------------ credential report

    private static void writeCredentialReport(Account a, List<IamUser> users, Path file) throws IOException {
        StringBuilder sb = new StringBuilder(REPORT_HEADER).append('\n');
        sb.append("<root_account>,").append(a.rootArn()).append(',').append(time(a.created))
                .append(",not_supported,").append(a.rootPasswordLastUsed > 0 ? time(a.rootPasswordLastUsed) : "no_information")
                .append(",not_supported,not_supported,").append(a.rootMfa).append(',');
        appendKey(sb, a.rootKey);
        sb.append(',');
        appendKey(sb, null);
        sb.append(",false,N/A,false,N/A\n");
        for (IamUser u : users) {
            sb.append(u.name).append(',').append(u.arn).append(',').append(time(u.created)).append(',').append(u.password).append(',');
            if (u.password) {
                sb.append(u.passwordLastUsed > 0 ? time(u.passwordLastUsed) : "no_information").append(',');
                sb.append(time(u.passwordLastChanged)).append(',');
                PasswordPolicy p = a.passwordPolicy;
                sb.append(p.expires() ? time(u.passwordLastChanged + p.maxPasswordAgeDays() * OrgModelBuilder.DAY) : NA).append(',');
            } else {
                sb.append("N/A,N/A,N/A,");
            }
            sb.append(u.mfa).append(',');
            appendKey(sb, u.keys.size() > 0 ? u.keys.get(0) : null);
            sb.append(',');
            appendKey(sb, u.keys.size() > 1 ? u.keys.get(1) : null);
            sb.append(",false,N/A,false,N/A\n");
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static void appendKey(StringBuilder sb, AccessKey k) {
        if (k == null) {
            sb.append("false,N/A,N/A,N/A,N/A");
            return;
        }
        sb.append(k.active).append(',').append(time(k.created)).append(',');
        if (k.lastUsed > 0) {
            sb.append(time(k.lastUsed)).append(',').append(k.lastUsedRegion).append(',').append(k.lastUsedService);
        } else {
            sb.append("N/A,N/A,N/A");
        }
    }

    private static String time(long t) {
        return TimeFormats.offset(t);
    }

    // ------------------------------------------------------------------ authorization details

    private void writeAuthorizationDetails(JsonGenerator g, Account a, List<IamUser> users) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("UserDetailList");
        for (IamUser u : users) {
            g.writeStartObject();
            g.writeStringField("Path", "/");
            g.writeStringField("UserName", u.name);
            g.writeStringField("UserId", u.userId);
            g.writeStringField("Arn", u.arn);
            g.writeStringField("CreateDate", time(u.created));
            g.writeArrayFieldStart("GroupList");
            for (String group : u.groups) {
                g.writeString(group);
            }
            g.writeEndArray();
            writeAttached(g, u.attachedPolicyArns);
            g.writeArrayFieldStart("Tags");
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();

        g.writeArrayFieldStart("GroupDetailList");
        for (Account.IamGroup group : a.groups) {
            g.writeStartObject();
            g.writeStringField("Path", "/");
            g.writeStringField("GroupName", group.name());
            g.writeStringField("GroupId", group.groupId());
            g.writeStringField("Arn", group.arn());
            g.writeStringField("CreateDate", time(group.created()));
            g.writeArrayFieldStart("GroupPolicyList");
            g.writeEndArray();
            writeAttached(g, group.policyArns());
            g.writeEndObject();
        }
        g.writeEndArray();

        List<Role> roles = new ArrayList<>(a.roles);
        roles.sort(Comparator.comparing(r -> r.name));
        g.writeArrayFieldStart("RoleDetailList");
        for (Role r : roles) {
            g.writeStartObject();
            writeRoleSummary(g, r);
            g.writeArrayFieldStart("InstanceProfileList");
            if (r.instanceProfileName != null) {
                g.writeStartObject();
                g.writeStringField("Path", "/");
                g.writeStringField("InstanceProfileName", r.instanceProfileName);
                g.writeStringField("InstanceProfileId", r.instanceProfileId);
                g.writeStringField("Arn", "arn:aws:iam::" + a.id + ":instance-profile/" + r.instanceProfileName);
                g.writeStringField("CreateDate", time(r.created));
                g.writeArrayFieldStart("Roles");
                g.writeStartObject();
                writeRoleSummary(g, r);
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("RolePolicyList");
            g.writeEndArray();
            writeAttached(g, r.attachedPolicyArns);
            g.writeArrayFieldStart("Tags");
            g.writeEndArray();
            g.writeObjectFieldStart("RoleLastUsed");
            if (r.lastUsed > 0) {
                g.writeStringField("LastUsedDate", time(r.lastUsed));
                g.writeStringField("Region", r.lastUsedRegion.code);
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();

        g.writeArrayFieldStart("Policies");
        for (Account.ManagedPolicy p : a.customerPolicies) {
            g.writeStartObject();
            g.writeStringField("PolicyName", p.name());
            g.writeStringField("PolicyId", p.policyId());
            g.writeStringField("Arn", p.arn());
            g.writeStringField("Path", "/");
            g.writeStringField("DefaultVersionId", "v1");
            g.writeNumberField("AttachmentCount", attachments(a, p.arn()));
            g.writeNumberField("PermissionsBoundaryUsageCount", 0);
            g.writeBooleanField("IsAttachable", true);
            g.writeStringField("CreateDate", time(p.created()));
            g.writeStringField("UpdateDate", time(p.created()));
            g.writeArrayFieldStart("PolicyVersionList");
            g.writeStartObject();
            g.writeFieldName("Document");
            mapper.writeTree(g, mapper.readTree(p.documentJson()));
            g.writeStringField("VersionId", "v1");
            g.writeBooleanField("IsDefaultVersion", true);
            g.writeStringField("CreateDate", time(p.created()));
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeRoleSummary(JsonGenerator g, Role r) throws IOException {
        g.writeStringField("Path", r.path);
        g.writeStringField("RoleName", r.name);
        g.writeStringField("RoleId", r.roleId);
        g.writeStringField("Arn", r.arn);
        g.writeStringField("CreateDate", time(r.created));
        g.writeFieldName("AssumeRolePolicyDocument");
        r.trust.write(g);
        g.writeNumberField("MaxSessionDuration", r.maxSessionSeconds);
    }

    private static void writeAttached(JsonGenerator g, List<String> policyArns) throws IOException {
        g.writeArrayFieldStart("AttachedManagedPolicies");
        for (String arn : policyArns) {
            g.writeStartObject();
            g.writeStringField("PolicyName", arn.substring(arn.lastIndexOf('/') + 1));
            g.writeStringField("PolicyArn", arn);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static int attachments(Account a, String policyArn) {
        int n = 0;
        for (IamUser u : a.users) {
            n += u.attachedPolicyArns.contains(policyArn) ? 1 : 0;
        }
        for (Account.IamGroup group : a.groups) {
            n += group.policyArns().contains(policyArn) ? 1 : 0;
        }
        for (Role r : a.roles) {
            n += r.attachedPolicyArns.contains(policyArn) ? 1 : 0;
        }
        return n;
    }

    // ------------------------------------------------------------------ password policy, access keys

    private static void writePasswordPolicy(JsonGenerator g, PasswordPolicy p) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("PasswordPolicy");
        g.writeNumberField("MinimumPasswordLength", p.minimumLength());
        g.writeBooleanField("RequireSymbols", p.requireSymbols());
        g.writeBooleanField("RequireNumbers", p.requireNumbers());
        g.writeBooleanField("RequireUppercaseCharacters", p.requireUppercase());
        g.writeBooleanField("RequireLowercaseCharacters", p.requireLowercase());
        g.writeBooleanField("AllowUsersToChangePassword", p.allowUsersToChange());
        g.writeBooleanField("ExpirePasswords", p.expires());
        if (p.expires()) {
            g.writeNumberField("MaxPasswordAge", p.maxPasswordAgeDays());
        }
        if (p.reusePrevention() > 0) {
            g.writeNumberField("PasswordReusePrevention", p.reusePrevention());
        }
        if (p.expires()) {
            g.writeBooleanField("HardExpiry", p.hardExpiry());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeAccessKeys(JsonGenerator g, List<IamUser> users) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("AccessKeyMetadata");
        for (IamUser u : users) {
            for (AccessKey k : u.keys) {
                g.writeStartObject();
                g.writeStringField("UserName", u.name);
                g.writeStringField("AccessKeyId", k.id);
                g.writeStringField("Status", k.active ? "Active" : "Inactive");
                g.writeStringField("CreateDate", time(k.created));
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private interface JsonContent {
        void write(JsonGenerator g) throws IOException;
    }

    private void writeJson(Path file, JsonContent content) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator g = mapper.getFactory().createGenerator(writer)) {
            g.setPrettyPrinter(pretty);
            content.write(g);
            g.writeRaw('\n');
        }
    }
}
