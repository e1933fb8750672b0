package io.trailhound.aws.iam;

import io.trailhound.aws.AwsErrors;
import io.trailhound.aws.AwsErrors.AwsCallException;
import io.trailhound.aws.AwsSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * {@code audit --aws}: the posture inputs of the caller's account, or with an organisation of
 * every active member account (entered by assuming a role in each), saved in the layout
 * {@code audit DIR} reads. An account that cannot be entered or read is skipped with a note that
 * says why; the caller's own account failing is an error.
 */
public final class PostureFetch {
    public static final String DEFAULT_ROLE = "OrganizationAccountAccessRole";

    /** What was fetched: the accounts saved, and the notes on those skipped. */
    public record Fetched(List<String> accounts, List<String> notes) {
    }

    private final AwsSettings settings;
    private final Duration poll;
    private final Duration reportTimeout;

    public PostureFetch(AwsSettings settings, Duration poll, Duration reportTimeout) {
        this.settings = settings;
        this.poll = poll;
        this.reportTimeout = reportTimeout;
    }

    public Fetched fetch(Path dir, boolean organization, String roleName) throws IOException {
        AwsCredentialsProvider own = settings.credentials();
        List<String> saved = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (StsClient sts = settings.configure(StsClient.builder(), own).httpClient(AwsSettings.sharedHttpClient()).build()) {
            GetCallerIdentityResponse me;
            try {
                me = sts.getCallerIdentity();
            } catch (SdkException e) {
                throw new AwsCallException("sts:GetCallerIdentity", null, e);
            }
            fetchAccount(me.account(), own, dir);
            saved.add(me.account());
            if (!organization) {
                return new Fetched(saved, notes);
            }
            String partition = me.arn().split(":", 3)[1];
            for (OrganizationAccounts.Account a : new OrganizationAccounts(settings, own).list()) {
                if (a.id().equals(me.account())) {
                    continue;
                }
                String label = a.id() + (a.name() == null ? "" : " (" + a.name() + ")");
                if (a.status() != null && !a.status().equals("ACTIVE")) {
                    notes.add("account " + label + " skipped: its status is " + a.status());
                    continue;
                }
                String role = "arn:" + partition + ":iam::" + a.id() + ":role/" + roleName;
                try (StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                        .refreshRequest(r -> r.roleArn(role).roleSessionName("trailhound-audit")).build()) {
                    fetchAccount(a.id(), assumed, dir);
                    saved.add(a.id());
                } catch (AwsCallException e) {
                    notes.add("account " + label + " skipped: " + e.getMessage());
                } catch (SdkException e) {
                    // resolving the assumed credentials failed: the role is missing or does not trust the caller
                    notes.add("account " + label + " skipped: cannot enter it, "
                            + AwsErrors.explain("sts:AssumeRole", role, e));
                }
            }
        }
        return new Fetched(saved, notes);
    }

    private void fetchAccount(String accountId, AwsCredentialsProvider credentials, Path dir) throws IOException {
        try (IamClient iam = settings.configure(IamClient.builder(), credentials).httpClient(AwsSettings.sharedHttpClient())
                .build()) {
            new AccountPostureFetch(iam, poll, reportTimeout).fetchInto(accountId, dir);
        }
    }
}
