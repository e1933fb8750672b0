package io.trailhound.aws.iam;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IAM, STS and Organizations on a loopback port, answering with the documented response documents
 * (query protocol XML for IAM and STS, JSON 1.1 for Organizations), one account per access key id
 * so that an assumed role's calls land in its account. Scripted faults: throttling before a call
 * succeeds, accounts whose role cannot be assumed, accounts without a password policy.
 */
final class FakeIam implements AutoCloseable {
    static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final Pattern KEY = Pattern.compile("Credential=([A-Z0-9]+)/");

    /** What one account holds. */
    static final class Account {
        final String id;
        String reportCsv;
        int reportPollsBeforeComplete = 1;
        String passwordPolicyXml; // null: NoSuchEntity
        final List<String> rolesXml = new ArrayList<>();
        boolean assumable = true;

        Account(String id) {
            this.id = id;
        }
    }

    private final HttpServer server;
    final Map<String, Account> accounts = new HashMap<>();
    final Map<String, String> keyToAccount = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** Calls (by action) answered Throttling this many more times before they succeed. */
    final Map<String, AtomicInteger> throttle = new ConcurrentHashMap<>();
    final AtomicInteger throttled = new AtomicInteger();
    final Map<String, AtomicInteger> generatePolls = new ConcurrentHashMap<>();
    String callerAccount;
    int accountsPageSize = 1;

    FakeIam(String callerAccount, String callerKey) throws IOException {
        this.callerAccount = callerAccount;
        keyToAccount.put(callerKey, callerAccount);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    Account account(String id) {
        return accounts.computeIfAbsent(id, Account::new);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = String.valueOf(x.getRequestHeaders().getFirst("Authorization"));
            Matcher m = KEY.matcher(auth);
            String key = m.find() ? m.group(1) : "";
            String account = keyToAccount.get(key);
            String target = x.getRequestHeaders().getFirst("X-Amz-Target");
            if (target != null) {
                organizations(x, target, body);
                return;
            }
            Map<String, String> form = form(body);
            String action = form.getOrDefault("Action", "");
            calls.add(action + "@" + account);
            AtomicInteger t = throttle.get(action);
            if (t != null && t.getAndDecrement() > 0) {
                throttled.incrementAndGet();
                error(x, 400, IAM_NS, "Throttling", "Rate exceeded");
                return;
            }
            if (account == null) {
                error(x, 403, STS_NS, "InvalidClientTokenId", "The security token included in the request is invalid.");
                return;
            }
            Account a = account(account);
            switch (action) {
                case "GetCallerIdentity" -> ok(x, STS_NS, action, "<Arn>arn:aws:iam::" + account + ":user/auditor</Arn>"
                        + "<UserId>AIDAEXAMPLE</UserId><Account>" + account + "</Account>");
                case "AssumeRole" -> assumeRole(x, form.get("RoleArn"));
                case "GenerateCredentialReport" -> {
                    int n = generatePolls.computeIfAbsent(account, k -> new AtomicInteger()).incrementAndGet();
                    String state = n > a.reportPollsBeforeComplete ? "COMPLETE" : n == 1 ? "STARTED" : "INPROGRESS";
                    ok(x, IAM_NS, action, "<State>" + state + "</State><Description>report</Description>");
                }
                case "GetCredentialReport" -> ok(x, IAM_NS, action, "<Content>"
                        + Base64.getEncoder().encodeToString(a.reportCsv.getBytes(StandardCharsets.UTF_8))
                        + "</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>2026-11-01T10:00:00Z</GeneratedTime>");
                case "GetAccountAuthorizationDetails" -> details(x, a, form.get("Marker"));
                case "GetAccountPasswordPolicy" -> {
                    if (a.passwordPolicyXml == null) {
                        error(x, 404, IAM_NS, "NoSuchEntity", "The Password Policy with domain name " + account
                                + " cannot be found.");
                    } else {
                        ok(x, IAM_NS, action, "<PasswordPolicy>" + a.passwordPolicyXml + "</PasswordPolicy>");
                    }
                }
                default -> error(x, 400, IAM_NS, "InvalidAction", "unknown action " + action);
            }
        }
    }

    /** One role a page: the paginator must follow Marker to the end. */
    private void details(HttpExchange x, Account a, String marker) throws IOException {
        int i = marker == null ? 0 : Integer.parseInt(marker);
        boolean more = i + 1 < a.rolesXml.size();
        String role = a.rolesXml.isEmpty() ? "" : "<member>" + a.rolesXml.get(i) + "</member>";
        ok(x, IAM_NS, "GetAccountAuthorizationDetails", "<IsTruncated>" + more + "</IsTruncated>"
                + (more ? "<Marker>" + (i + 1) + "</Marker>" : "") + "<UserDetailList/><GroupDetailList/>"
                + "<RoleDetailList>" + role + "</RoleDetailList><Policies/>");
    }

    private void assumeRole(HttpExchange x, String roleArn) throws IOException {
        String target = roleArn.split(":")[4];
        Account a = accounts.get(target);
        if (a == null || !a.assumable) {
            error(x, 403, STS_NS, "AccessDenied", "User: arn:aws:iam::" + callerAccount + ":user/auditor is not authorized "
                    + "to perform: sts:AssumeRole on resource: " + roleArn);
            return;
        }
        String key = "ASIA" + target;
        keyToAccount.put(key, target);
        ok(x, STS_NS, "AssumeRole", "<Credentials><AccessKeyId>" + key + "</AccessKeyId><SecretAccessKey>s</SecretAccessKey>"
                + "<SessionToken>t</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
                + "<AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:trailhound-audit</AssumedRoleId><Arn>arn:aws:sts::" + target
                + ":assumed-role/R/trailhound-audit</Arn></AssumedRoleUser>");
    }

    private void organizations(HttpExchange x, String target, String body) throws IOException {
        calls.add(target);
        AtomicInteger t = throttle.get("ListAccounts");
        if (t != null && t.getAndDecrement() > 0) {
            throttled.incrementAndGet();
            send(x, 400, "application/x-amz-json-1.1",
                    "{\"__type\":\"TooManyRequestsException\",\"Message\":\"Rate exceeded\"}");
            return;
        }
        List<String> ids = new ArrayList<>(accounts.keySet());
        ids.sort(null);
        Matcher m = Pattern.compile("\"NextToken\":\"(\\d+)\"").matcher(body);
        int from = m.find() ? Integer.parseInt(m.group(1)) : 0;
        StringBuilder page = new StringBuilder("{\"Accounts\":[");
        int to = Math.min(ids.size(), from + accountsPageSize);
        for (int i = from; i < to; i++) {
            page.append(i > from ? "," : "").append("{\"Id\":\"").append(ids.get(i)).append("\",\"Name\":\"acct-")
                    .append(ids.get(i)).append("\",\"Status\":\"ACTIVE\",\"Arn\":\"arn:aws:organizations::x:account/o-x/")
                    .append(ids.get(i)).append("\"}");
        }
        page.append("]").append(to < ids.size() ? ",\"NextToken\":\"" + to + "\"" : "").append("}");
        send(x, 200, "application/x-amz-json-1.1", page.toString());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void ok(HttpExchange x, String ns, String action, String result) throws IOException {
        send(x, 200, "text/xml", "<" + action + "Response xmlns=\"" + ns + "\"><" + action + "Result>" + result + "</" + action
                + "Result><ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata></"
                + action + "Response>");
    }

    private static void error(HttpExchange x, int status, String ns, String code, String message) throws IOException {
        send(x, status, "text/xml", "<ErrorResponse xmlns=\"" + ns + "\"><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error><RequestId>7a62c49f-EXAMPLE</RequestId></ErrorResponse>");
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
