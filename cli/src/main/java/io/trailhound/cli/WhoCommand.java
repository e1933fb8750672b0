package io.trailhound.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.store.StoreQueries;
import io.trailhound.store.StoreException;
import io.trailhound.store.StoredJson;
import io.trailhound.store.WhoAnswer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "who", mixinStandardHelpOptions = true,
        description = {
            "Who really did it: the origin behind an access key, an event or an assumed-role session, "
                + "with the chain of credential issuances that leads to it, from the store a 'scan --db' filled.",
            "",
            "KEY is an access key id (ASIA..., AKIA...): the latest stored event signed with it, or its issuance "
                + "when it was never used. EVENT-ID is an eventID. An ARN (e.g. "
                + "arn:aws:sts::111122223333:assumed-role/Admin/alice) matches the events that acted as it; the latest "
                + "is shown, and every origin seen for it when there are several."},
        footer = {"", "Exit codes: 0 found; 2 nothing matched, no store, or a usage error.",
            "", "Examples:", "  trailhound who ASIAEXAMPLEKEY123456 --db ~/th.duckdb",
            "  trailhound who arn:aws:sts::111122223333:assumed-role/Admin/alice --format json"})
final class WhoCommand implements Callable<Integer> {
    @Parameters(paramLabel = "KEY|EVENT-ID|ARN", description = "An access key id, an eventID, or an identity ARN.")
    String query;

    @Mixin
    StoreOptions store;

    @Option(names = "--format", defaultValue = "table", description = "table, json or ndjson (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        Optional<WhoAnswer> answer;
        try (StoreQueries s = StoreQueries.open(store.location())) {
            answer = s.who(query);
        } catch (StoreException e) {
            System.err.println("trailhound: " + TerminalText.escape(e.getMessage()));
            return ExitCodes.USAGE_OR_INPUT;
        }
        if (answer.isEmpty()) {
            System.err.println("trailhound: nothing in " + TerminalText.escape(store.location()) + " matches " + TerminalText.escape(query)
                    + " (tried it as " + kind(query) + ")");
            return ExitCodes.USAGE_OR_INPUT;
        }
        if (format == OutputFormat.table) {
            tree(System.out, answer.get());
        } else {
            Json.print(System.out, json(answer.get()), format);
        }
        return ExitCodes.OK;
    }

    private static String kind(String q) {
        return q.startsWith("arn:") ? "an identity ARN" : q.matches("^A[A-Z0-9]{3}[A-Z0-9]{8,}$") ? "an access key id" : "an eventID";
    }

    static ObjectNode json(WhoAnswer w) {
        return StoredJson.who(w);
    }

    /** The origin at the root, each issuance beneath the one that made it, the event asked about at the bottom. */
    static void tree(PrintStream out, WhoAnswer w) {
        String origin = w.originLabel() == null ? "origin unknown" : w.originLabel();
        StringBuilder head = new StringBuilder(esc(origin));
        if (w.originType() != null) {
            head.append("  (").append(esc(w.originType()));
            if (w.originProvider() != null) {
                head.append(" via ").append(esc(w.originProvider()));
            }
            head.append(")");
        }
        head.append("  confidence: ").append(esc(w.confidence()));
        out.println(head);
        if (w.reason() != null) {
            out.println("  why: " + esc(w.reason()));
        }
        List<WhoAnswer.ChainHop> hops = new ArrayList<>(w.chain());
        java.util.Collections.reverse(hops);
        String indent = "";
        for (WhoAnswer.ChainHop h : hops) {
            out.println(indent + "└─ " + esc(h.eventName()) + " " + (h.time() == null ? "" : h.time()) + "  account "
                    + esc(h.account()) + "  event " + esc(h.eventID()));
            indent += "   ";
            out.println(indent + "gave " + esc(h.accessKeyId()) + " to " + esc(h.arn())
                    + (h.linkedBy() != null && !"key".equals(h.linkedBy()) ? "  (linked by " + esc(h.linkedBy()) + ")" : ""));
        }
        if (w.event() != null) {
            out.println(indent + "└─ " + esc(w.event().eventName()) + " " + w.event().eventTime() + "  account "
                    + esc(w.event().recipientAccountId()) + "  event " + esc(w.event().eventID()));
            out.println(indent + "   as " + esc(w.event().identityArn() != null ? w.event().identityArn() : w.event().identityType())
                    + (w.event().accessKeyId() != null ? " with " + esc(w.event().accessKeyId()) : ""));
        }
        for (String a : w.anomalies()) {
            out.println("anomaly: " + esc(a));
        }
        if (w.events() > 1) {
            out.println();
            out.printf("%d stored events match %s; the latest is shown.%n", w.events(), esc(w.query()));
        }
        if (!w.otherOrigins().isEmpty()) {
            out.println("origins of all of them:");
            Table t = new Table("", "", "", "");
            for (WhoAnswer.OriginCount c : w.otherOrigins()) {
                t.row("  " + (c.label() == null ? "unknown" : c.label()), c.type(), c.confidence(), c.events());
            }
            t.print(out);
        }
    }

    private static String esc(String s) {
        return TerminalText.escape(s);
    }
}
