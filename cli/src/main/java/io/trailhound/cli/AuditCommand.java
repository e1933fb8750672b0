package io.trailhound.cli;

import io.trailhound.core.posture.AuditJson;
import io.trailhound.core.posture.AuditResult;
import io.trailhound.core.posture.DirectorySource;
import io.trailhound.core.posture.PostureAudit;
import io.trailhound.core.posture.PostureChecks;
import io.trailhound.core.posture.Priority;
import io.trailhound.core.Severity;
import io.trailhound.core.posture.Thresholds;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {
            "Audit IAM posture from the credential report, the account authorization details and the password policy.",
            "",
            "PATH is an organisation directory (<account-id>/credential-report.csv or .json, authorization-details.json, "
                + "password-policy.json), one account's directory, or a single file: the credential report as downloaded "
                + "(CSV) or as 'aws iam get-credential-report' prints it (JSON, base64 Content), 'aws iam "
                + "get-account-authorization-details' output, or 'aws iam get-account-password-policy' output.",
            "",
            "--aws fetches the same inputs from the IAM API instead (no PATH): the credential report (generated until "
                + "complete), every page of the account authorization details and the password policy (none set is a finding); "
                + "with --organization, of every active account in the organisation, entered by assuming --role-name in each "
                + "(an account that cannot be entered is skipped with a note). --save DIR keeps what was fetched, in the layout "
                + "'trailhound audit DIR' reads. Needs iam:GenerateCredentialReport, iam:GetCredentialReport, "
                + "iam:GetAccountAuthorizationDetails, iam:GetAccountPasswordPolicy, sts:GetCallerIdentity, and with "
                + "--organization organizations:ListAccounts and sts:AssumeRole on the role.",
            "",
            "Checks (id, severity): console-without-mfa (high), key-at-user-creation (medium), two-active-keys (medium), "
                + "key-not-rotated (medium), credentials-unused (medium), console-password-unused-45d (medium), "
                + "root-access-key (critical), root-no-mfa (critical), root-recent-use (high), password-policy-weak (medium), "
                + "role-session-name-not-pinned (medium).",
            "",
            "Each account is evaluated as of its report's generation time (GeneratedTime in the JSON; for a bare CSV, its "
                + "newest timestamp), never the wall clock; --as-of overrides. Results go to stdout (or --output), notes to stderr."},
        footer = {"", "Exit codes: 0 done; 1 a finding at or above --fail-on; 2 usage error or unreadable input, "
                + "or (--securityhub) a finding Security Hub refused.",
            "", "Examples:", "  trailhound audit posture/", "  trailhound audit credential-report.csv --as-of 2026-11-03",
            "  trailhound audit posture/ --format html --output audit.html", "  trailhound audit posture/ --fail-on high",
            "  trailhound audit --aws --profile security-audit --save posture/",
            "  trailhound audit --aws --organization --role-name OrganizationAccountAccessRole --format json"})
final class AuditCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "0..1",
            description = "An organisation directory, one account's directory, or one input file (not with --aws).")
    Path path;

    @Option(names = "--aws", description = "Fetch the inputs from the IAM API (credentials: the SDK's default chain or --profile).")
    boolean aws;

    @Option(names = "--organization", description = "With --aws: every active account of the organisation (Organizations ListAccounts).")
    boolean organization;

    @Option(names = "--role-name", paramLabel = "NAME", defaultValue = io.trailhound.aws.iam.PostureFetch.DEFAULT_ROLE,
            description = "With --organization: the role assumed in each member account (default: ${DEFAULT-VALUE}).")
    String roleName;

    @Option(names = "--save", paramLabel = "DIR",
            description = "With --aws: keep what was fetched in DIR (<account-id>/credential-report.json, "
                    + "authorization-details.json, password-policy.json), which 'trailhound audit DIR' reads again.")
    Path save;

    @picocli.CommandLine.Mixin
    AwsOptions awsOptions;

    /** How often to ask whether the credential report is complete, and for how long. */
    static Duration reportPoll = Duration.ofSeconds(2);
    static final Duration REPORT_TIMEOUT = Duration.ofMinutes(5);

    @Option(names = "--format", defaultValue = "table",
            description = "table (summary, where to start, top findings), json (one object: summary, findings, priorities), "
                    + "csv (one finding a row), html (one self-contained page), ocsf (each finding as an OCSF Compliance "
                    + "Finding, one per line) or asff (Security Hub findings, one BatchImportFindings array of at most 100 "
                    + "per line) (default: ${DEFAULT-VALUE}).")
    AuditFormat format;

    @picocli.CommandLine.Mixin
    SecurityHubOption securityHub;

    /** Set by --format asff --securityhub. */
    private io.trailhound.cli.output.SecurityHubImport hub;

    @picocli.CommandLine.Mixin
    AsffOptions asff;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 1 when a finding at or above this severity exists: low, medium, high or critical (for CI).")
    String failOn;

    @Option(names = "--as-of", paramLabel = "TIME",
            description = "Evaluate as of this moment (2026-11-03 or 2026-11-03T12:00:00Z) instead of each report's generation time.")
    String asOf;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "Table: how many accounts, priorities and findings to list; 0 lists all (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--max-key-age", paramLabel = "DURATION", defaultValue = "90d",
            description = "key-not-rotated: an active key older than this (default: ${DEFAULT-VALUE}).")
    String maxKeyAge;

    @Option(names = "--unused-after", paramLabel = "DURATION", defaultValue = "90d",
            description = "credentials-unused: a password or active key not used for longer than this (default: ${DEFAULT-VALUE}).")
    String unusedAfter;

    @Option(names = "--console-unused-after", paramLabel = "DURATION", defaultValue = "45d",
            description = "console-password-unused-45d: a console password not used for longer than this (default: ${DEFAULT-VALUE}).")
    String consoleUnusedAfter;

    @Option(names = "--key-at-creation", paramLabel = "DURATION", defaultValue = "10s",
            description = "key-at-user-creation: a key created within this of its console user (default: ${DEFAULT-VALUE}).")
    String keyAtCreation;

    @Option(names = "--root-recent", paramLabel = "DURATION", defaultValue = "90d",
            description = "root-recent-use: root signed in or used a key within this before the as-of time (default: ${DEFAULT-VALUE}).")
    String rootRecent;

    @Option(names = "--min-password-length", paramLabel = "N", defaultValue = "14",
            description = "password-policy-weak: the minimum length the policy must require (default: ${DEFAULT-VALUE}).")
    int minPasswordLength;

    @Option(names = "--password-reuse", paramLabel = "N", defaultValue = "24",
            description = "password-policy-weak: how many previous passwords the policy must refuse (default: ${DEFAULT-VALUE}).")
    int passwordReuse;

    @Option(names = "--max-password-age", paramLabel = "DURATION", defaultValue = "90d",
            description = "password-policy-weak: passwords must expire within this (default: ${DEFAULT-VALUE}).")
    String maxPasswordAge;

    @Override
    public Integer call() throws IOException {
        Severity threshold = failOn == null ? null : Severity.parse(failOn);
        if (failOn != null && (threshold == null || threshold == Severity.INFO)) {
            throw new IllegalArgumentException("unknown severity '" + failOn + "' (low, medium, high or critical)");
        }
        Instant when = TimeArgs.instant("--as-of", asOf, Instant.now());
        PostureAudit audit = new PostureAudit(PostureChecks.all(), thresholds(), when);
        hub = securityHub.open(format == AuditFormat.asff, awsOptions, asff.region);
        Path inputs = aws ? fetched() : inputsPath();
        long start = System.nanoTime();
        AuditResult result;
        try {
            result = audit.run(new DirectorySource(inputs), account -> { });
        } catch (IOException e) {
            // the message quotes the input (file names, cell values): escaped, as any attacker-written text
            System.err.println("trailhound: " + TerminalText.escape(e.getMessage()));
            return ExitCodes.USAGE_OR_INPUT;
        }
        List<Priority> priorities = Priority.rank(result.findings());
        printNotes(result.notes());
        System.err.printf("audit: %d account(s), %d finding(s) in %d ms%n", result.byAccount().size(), result.findings().size(),
                (System.nanoTime() - start) / 1_000_000);
        if (output == null) {
            // System.out is not ours to close
            PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            render(out, result, priorities);
            out.flush();
        } else {
            try (OutputStream file = Files.newOutputStream(output);
                 PrintStream out = new PrintStream(file, false, StandardCharsets.UTF_8)) {
                render(out, result, priorities);
            }
        }
        if (output != null) {
            System.err.println("audit: report written to " + TerminalText.escape(output.toString()));
        }
        if (hub != null && hub.failed() > 0) {
            return ExitCodes.USAGE_OR_INPUT;
        }
        Severity worst = result.worst();
        return threshold != null && worst != null && worst.compareTo(threshold) >= 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private Path inputsPath() {
        if (path == null) {
            throw new IllegalArgumentException("PATH is required (or --aws to fetch from the IAM API)");
        }
        if (organization || save != null || awsOptions.given() && hub == null) {
            throw new IllegalArgumentException("--organization, --save, --profile, --region and --endpoint-url go with --aws"
                    + " (--profile, --region and --endpoint-url also with --securityhub)");
        }
        return path;
    }

    /** Fetches into --save DIR (or a temporary directory, removed at exit) and returns it: the audit reads it as any DIR. */
    private Path fetched() throws IOException {
        if (path != null) {
            throw new IllegalArgumentException("--aws fetches the inputs: give no PATH (--save DIR keeps them)");
        }
        Path dir = save != null ? Files.createDirectories(save) : Files.createTempDirectory("trailhound-audit-");
        if (save == null) {
            deleteAtExit(dir);
        }
        io.trailhound.aws.iam.PostureFetch.Fetched f = new io.trailhound.aws.iam.PostureFetch(awsOptions.settings(),
                reportPoll, REPORT_TIMEOUT).fetch(dir, organization, roleName);
        for (String note : f.notes()) {
            System.err.println("audit: note: " + TerminalText.escape(note));
        }
        System.err.println("audit: fetched " + f.accounts().size() + " account(s) from the IAM API"
                + (save != null ? " into " + TerminalText.escape(save.toString()) : ""));
        return dir;
    }

    private static void deleteAtExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is no failure of the audit
            }
        }));
    }

    private void render(PrintStream out, AuditResult result, List<Priority> priorities) throws IOException {
        switch (format) {
            case table -> AuditTable.print(out, result, priorities, top);
            case json -> out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(AuditJson.of(result, priorities)));
            case csv -> AuditCsv.print(out, result);
            case html -> AuditHtml.print(out, result, priorities);
            case ocsf, asff -> {
                io.trailhound.core.output.AsffTarget target = asff.target();
                if (hub == null) {
                    AuditFindings.print(out, result, format == AuditFormat.ocsf, target);
                } else {
                    try (io.trailhound.cli.output.AsffBatches batches = new io.trailhound.cli.output.AsffBatches(hub)) {
                        AuditFindings.asff(result, target, batches);
                    }
                    out.println(Json.MAPPER.writeValueAsString(hub.summary()));
                }
            }
        }
    }

    private Thresholds thresholds() {
        if (minPasswordLength < 1 || passwordReuse < 1) {
            throw new IllegalArgumentException("--min-password-length and --password-reuse must be at least 1");
        }
        return new Thresholds(d("--max-key-age", maxKeyAge), d("--unused-after", unusedAfter),
                d("--console-unused-after", consoleUnusedAfter), d("--key-at-creation", keyAtCreation),
                d("--root-recent", rootRecent), minPasswordLength, passwordReuse, d("--max-password-age", maxPasswordAge));
    }

    private static Duration d(String option, String text) {
        return TimeArgs.duration(option, text);
    }

    /** Notes repeat per account in a large organisation: the first few, then how many more. */
    private static void printNotes(List<String> notes) {
        int shown = Math.min(notes.size(), 5);
        for (String n : notes.subList(0, shown)) {
            System.err.println("audit: note: " + TerminalText.escape(n));
        }
        if (notes.size() > shown) {
            System.err.println("audit: note: ... " + (notes.size() - shown) + " more notes (--format json lists them all)");
        }
    }
}
