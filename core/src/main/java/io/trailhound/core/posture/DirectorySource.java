package io.trailhound.core.posture;

import io.trailhound.core.identity.AuthorizationDetails;
import io.trailhound.core.identity.RoleTrust;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Posture inputs on disk: an organisation directory ({@code <account-id>/credential-report.csv},
 * {@code authorization-details.json}, {@code password-policy.json}), one account's directory, or
 * a single file whose kind is told from its content.
 */
public final class DirectorySource implements PostureSource {
    static final String REPORT_CSV = "credential-report.csv";
    static final String REPORT_JSON = "credential-report.json";
    static final String DETAILS = "authorization-details.json";
    static final String POLICY = "password-policy.json";
    private static final List<String> KNOWN = List.of(REPORT_CSV, REPORT_JSON, DETAILS, POLICY);

    /** Account id → the directory holding its files, or the single file given. */
    private final Map<String, Path> accounts = new LinkedHashMap<>();

    public DirectorySource(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            AccountInputs one = loadFile(path);
            accounts.put(one.accountId(), path);
        } else if (!Files.isDirectory(path)) {
            throw new IOException(path + ": no such file or directory");
        } else if (holdsInputs(path)) {
            accounts.put(accountOf(path, load(path.getFileName() == null ? "" : path.getFileName().toString(), path)), path);
        } else {
            try (Stream<Path> s = Files.list(path)) {
                for (Path d : s.filter(Files::isDirectory).filter(DirectorySource::holdsInputs).sorted().toList()) {
                    accounts.put(d.getFileName().toString(), d);
                }
            }
            if (accounts.isEmpty()) {
                throw new IOException(path + ": no posture inputs (expected <account-id>/" + String.join(", ", KNOWN)
                        + ", or those files directly)");
            }
        }
    }

    @Override
    public List<String> accounts() {
        return new ArrayList<>(accounts.keySet());
    }

    @Override
    public AccountInputs load(String accountId) throws IOException {
        Path p = accounts.get(accountId);
        if (p == null) {
            throw new IOException("no inputs for account " + accountId);
        }
        return Files.isRegularFile(p) ? loadFile(p) : load(accountId, p);
    }

    private static boolean holdsInputs(Path dir) {
        return KNOWN.stream().anyMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    private static AccountInputs load(String accountId, Path dir) throws IOException {
        CredentialReport report = Files.isRegularFile(dir.resolve(REPORT_CSV)) ? CredentialReportParser.read(dir.resolve(REPORT_CSV))
                : Files.isRegularFile(dir.resolve(REPORT_JSON)) ? CredentialReportParser.read(dir.resolve(REPORT_JSON)) : null;
        PasswordPolicy policy = Files.isRegularFile(dir.resolve(POLICY)) ? PasswordPolicyParser.read(dir.resolve(POLICY)) : null;
        List<RoleTrust> roles = Files.isRegularFile(dir.resolve(DETAILS)) ? AuthorizationDetails.roles(dir.resolve(DETAILS)) : null;
        return new AccountInputs(accountId, report, policy, roles);
    }

    /** A directory named by its account id keeps that name; otherwise the id comes from the ARNs inside. */
    private static String accountOf(Path dir, AccountInputs in) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        return name.matches("\\d{12}") ? name : accountFromContent(in, name);
    }

    private static String accountFromContent(AccountInputs in, String fallback) {
        if (in.credentialReport() != null && in.credentialReport().accountId().isPresent()) {
            return in.credentialReport().accountId().get();
        }
        if (in.roles() != null) {
            for (RoleTrust r : in.roles()) {
                String[] parts = r.arn() == null ? new String[0] : r.arn().split(":", 6);
                if (parts.length >= 5 && parts[4].matches("\\d{12}")) {
                    return parts[4];
                }
            }
        }
        return fallback.isEmpty() ? "unknown" : fallback;
    }

    /** One file, its kind told from the content: credential report CSV or JSON, authorization details, password policy. */
    private static AccountInputs loadFile(Path file) throws IOException {
        String head;
        try (var in = Files.newInputStream(file)) {
            head = new String(in.readNBytes(4096), StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "").stripLeading();
        }
        AccountInputs in;
        if (!head.startsWith("{")) {
            in = new AccountInputs(null, CredentialReportParser.read(file), null, null);
        } else if (head.contains("\"Content\"")) {
            in = new AccountInputs(null, CredentialReportParser.read(file), null, null);
        } else if (head.contains("PasswordPolicy") || head.contains("NoSuchEntity")) {
            in = new AccountInputs(null, null, PasswordPolicyParser.read(file), null);
        } else {
            in = new AccountInputs(null, null, null, AuthorizationDetails.roles(file));
        }
        String parent = file.getParent() == null || file.getParent().getFileName() == null ? ""
                : file.getParent().getFileName().toString();
        String id = parent.matches("\\d{12}") ? parent : accountFromContent(in, "unknown");
        return new AccountInputs(id, in.credentialReport(), in.passwordPolicy(), in.roles());
    }
}
