package io.trailhound.aws.iam;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.aws.AwsErrors.AwsCallException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetAccountPasswordPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.ReportStateType;

/**
 * One account's posture inputs from the IAM API, saved as the files {@code audit DIR} reads
 * ({@code <account>/credential-report.json}, {@code authorization-details.json},
 * {@code password-policy.json}): the credential report (generated until COMPLETE, then fetched),
 * every page of the authorization details, and the password policy (NoSuchEntity saved as the
 * error it is: the account has no policy, which the audit reports as a finding).
 */
public final class AccountPostureFetch {
    static final String REPORT = "credential-report.json";
    static final String DETAILS = "authorization-details.json";
    static final String POLICY = "password-policy.json";
    private static final List<String> DETAIL_LISTS = List.of("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies");

    private final IamClient iam;
    private final Duration poll;
    private final Duration reportTimeout;

    public AccountPostureFetch(IamClient iam, Duration poll, Duration reportTimeout) {
        this.iam = iam;
        this.poll = poll;
        this.reportTimeout = reportTimeout;
    }

    /** Fetches everything first, then writes the account's directory, so a failed fetch leaves no half account. */
    public void fetchInto(String accountId, Path dir) throws IOException {
        ObjectNode report = credentialReport(accountId);
        ObjectNode details = authorizationDetails(accountId);
        ObjectNode policy = passwordPolicy(accountId);
        Path account = Files.createDirectories(dir.resolve(accountId));
        write(account.resolve(REPORT), report);
        write(account.resolve(DETAILS), details);
        write(account.resolve(POLICY), policy);
    }

    private static void write(Path file, ObjectNode doc) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        SdkJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), doc);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    ObjectNode credentialReport(String accountId) {
        Instant deadline = Instant.now().plus(reportTimeout);
        try {
            while (true) {
                GenerateCredentialReportResponse g = iam.generateCredentialReport();
                if (g.state() == ReportStateType.COMPLETE) {
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("account " + accountId + ": the credential report was still " + g.stateAsString()
                            + " after " + reportTimeout.toSeconds() + " s; run again later");
                }
                Thread.sleep(poll.toMillis());
            }
            GetCredentialReportResponse r = iam.getCredentialReport();
            ObjectNode o = SdkJson.MAPPER.createObjectNode();
            o.put("Content", Base64.getEncoder().encodeToString(r.content().asByteArray()));
            o.put("ReportFormat", r.reportFormatAsString());
            if (r.generatedTime() != null) {
                o.put("GeneratedTime", r.generatedTime().toString());
            }
            return o;
        } catch (SdkException e) {
            throw new AwsCallException("iam:GenerateCredentialReport / iam:GetCredentialReport", "account " + accountId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the credential report", e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    ObjectNode authorizationDetails(String accountId) {
        ObjectNode all = SdkJson.MAPPER.createObjectNode();
        DETAIL_LISTS.forEach(all::putArray);
        try {
            for (GetAccountAuthorizationDetailsResponse page : iam.getAccountAuthorizationDetailsPaginator(b -> { })) {
                ObjectNode p = SdkJson.of(page);
                for (String list : DETAIL_LISTS) {
                    if (p.get(list) instanceof ArrayNode a) {
                        ((ArrayNode) all.get(list)).addAll(a);
                    }
                }
            }
        } catch (SdkException e) {
            throw new AwsCallException("iam:GetAccountAuthorizationDetails", "account " + accountId, e);
        }
        return all;
    }

    ObjectNode passwordPolicy(String accountId) {
        try {
            GetAccountPasswordPolicyResponse r = iam.getAccountPasswordPolicy();
            ObjectNode o = SdkJson.MAPPER.createObjectNode();
            o.set("PasswordPolicy", SdkJson.of(r.passwordPolicy()));
            return o;
        } catch (NoSuchEntityException e) {
            // no custom policy: saved as the error, which the audit reads as IAM's default (a finding, not a failure)
            ObjectNode o = SdkJson.MAPPER.createObjectNode();
            ObjectNode err = o.putObject("Error");
            err.put("Code", "NoSuchEntity");
            err.put("Message", e.awsErrorDetails() == null ? "no password policy" : e.awsErrorDetails().errorMessage());
            return o;
        } catch (SdkException e) {
            throw new AwsCallException("iam:GetAccountPasswordPolicy", "account " + accountId, e);
        }
    }
}
