package io.trailhound.cli;

import io.trailhound.core.posture.AuditResult;
import io.trailhound.core.posture.CheckInfo;
import io.trailhound.core.posture.CheckTally;
import io.trailhound.core.posture.Finding;
import io.trailhound.core.posture.Priority;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code audit --format table}: the organisation's summary, the worst accounts, where to start, the top findings. */
final class AuditTable {
    private AuditTable() {
    }

    /** @param top how many accounts, priorities and findings to list (0: all) */
    static void print(PrintStream out, AuditResult r, List<Priority> priorities, int top) {
        out.println("Posture audit: " + AuditText.count(r.byAccount().size()) + " account(s), "
                + AuditText.count(r.findings().size()) + " finding(s)");
        out.println();
        for (CheckInfo info : r.checks()) {
            out.println("  " + AuditText.line(info, r.total().get(info.id())));
        }
        printAccounts(out, r, top);
        out.println();
        out.println("Where to start (principals failing most checks, then by severity and age):");
        Table t = new Table("#", "account", "principal", "worst", "oldest", "checks");
        int n = 0;
        for (Priority p : limit(priorities, top)) {
            t.row(++n, p.account(), p.principal(), p.worst().id(), p.oldestDays() >= 0 ? p.oldestDays() + "d" : "",
                    String.join(", ", p.checks()));
        }
        t.print(out);
        more(out, priorities.size(), top, "principals");
        out.println();
        out.println("Findings (most severe and oldest first):");
        Table f = new Table("severity", "check", "account", "principal", "detail");
        for (Finding x : limit(r.findings(), top)) {
            f.row(x.severity().id(), x.check(), x.account(), x.principal(), x.detail());
        }
        f.print(out);
        more(out, r.findings().size(), top, "findings");
    }

    private static void printAccounts(PrintStream out, AuditResult r, int top) {
        List<String> accounts = new ArrayList<>(r.byAccount().keySet());
        Map<String, Long> counts = new java.util.HashMap<>();
        for (String a : accounts) {
            counts.put(a, r.violationsIn(a).values().stream().mapToLong(Long::longValue).sum());
        }
        accounts.removeIf(a -> counts.get(a) == 0);
        if (accounts.isEmpty() || r.byAccount().size() < 2) {
            return;
        }
        accounts.sort(Comparator.comparing((String a) -> counts.get(a)).reversed().thenComparing(a -> a));
        out.println();
        out.println("Accounts with the most findings:");
        for (String a : limit(accounts, top)) {
            List<String> parts = new ArrayList<>();
            for (CheckInfo info : r.checks()) {
                CheckTally t = r.byAccount().get(a).get(info.id());
                if (t.violations() > 0) {
                    parts.add(info.id() + " " + AuditText.count(t.violations()) + "/" + AuditText.count(t.applicable())
                            + " (" + AuditText.percent(t.percent()) + ")");
                }
            }
            out.println("  " + TerminalText.escape(a) + "  " + String.join(", ", parts));
        }
        more(out, accounts.size(), top, "accounts");
    }

    static <T> List<T> limit(List<T> items, int top) {
        return top <= 0 || items.size() <= top ? items : items.subList(0, top);
    }

    private static void more(PrintStream out, int total, int top, String what) {
        if (top > 0 && total > top) {
            out.println("  ... " + AuditText.count(total - top) + " more " + what + " (--top 0 lists all; --format json, csv or html)");
        }
    }
}
