package io.trailhound.cli;

import io.trailhound.core.posture.AuditResult;
import io.trailhound.core.posture.CheckInfo;
import io.trailhound.core.posture.CheckTally;
import io.trailhound.core.posture.Finding;
import io.trailhound.core.posture.Priority;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code audit --format html}: one self-contained page (inline CSS, no scripts, fonts or remote
 * resources) with bar charts drawn as sized boxes. Every value from the audited accounts is
 * HTML-escaped: user names, role ARNs and details are attacker-controlled.
 */
final class AuditHtml {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;"
            + "vertical-align:top}th{background:#eee}.num{text-align:right}.bar{background:#eee;width:200px;height:12px}"
            + ".bar div{background:#c0392b;height:12px}.critical{color:#900;font-weight:bold}.high{color:#c0392b}"
            + ".medium{color:#b9770e}.low{color:#555}";

    private AuditHtml() {
    }

    static void print(PrintStream out, AuditResult r, List<Priority> priorities) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Trailhound posture audit</title>")
                .append("<style>").append(STYLE).append("</style></head><body>\n<h1>IAM posture audit</h1>\n<p>")
                .append(r.byAccount().size()).append(" account(s), ").append(r.findings().size()).append(" finding(s).</p>\n");
        h.append("<h2>Summary</h2>\n<table><tr><th>check</th><th>severity</th><th>violations</th><th>of</th><th>percent</th>"
                + "<th></th><th>age tiers</th><th>CIS / Config / Security Hub</th></tr>\n");
        for (CheckInfo info : r.checks()) {
            CheckTally t = r.total().get(info.id());
            StringBuilder tiers = new StringBuilder();
            for (int i = 0; i < t.tierDays().size(); i++) {
                tiers.append(i > 0 ? "; " : "").append(AuditText.tier(t.tierDays().get(i))).append(": ")
                        .append(AuditText.percent(t.percentOf(t.overTier(i))));
            }
            h.append("<tr><td title=\"").append(esc(info.title())).append("\">").append(esc(info.id())).append("</td>")
                    .append(severity(info.severity().id())).append(num(AuditText.count(t.violations())))
                    .append(num(AuditText.count(t.applicable()) + " " + info.unit())).append(num(AuditText.percent(t.percent())))
                    .append("<td>").append(bar(t.percent())).append("</td><td>").append(esc(tiers.toString())).append("</td><td>")
                    .append(esc(refs(info))).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Where to start</h2>\n<table><tr><th>#</th><th>account</th><th>principal</th><th>worst</th>"
                + "<th>oldest (days)</th><th>checks</th></tr>\n");
        int n = 0;
        for (Priority p : priorities) {
            h.append("<tr>").append(num(String.valueOf(++n))).append(td(p.account())).append(td(p.principal()))
                    .append(severity(p.worst().id())).append(num(p.oldestDays() >= 0 ? String.valueOf(p.oldestDays()) : ""))
                    .append(td(String.join(", ", p.checks()))).append("</tr>\n");
        }
        h.append("</table>\n<h2>Per account</h2>\n<table><tr><th>account</th>");
        for (CheckInfo info : r.checks()) {
            h.append("<th>").append(esc(info.id())).append("</th>");
        }
        h.append("</tr>\n");
        for (Map.Entry<String, Map<String, CheckTally>> a : r.byAccount().entrySet()) {
            h.append("<tr>").append(td(a.getKey()));
            for (CheckInfo info : r.checks()) {
                CheckTally t = a.getValue().get(info.id());
                h.append(num(t.applicable() == 0 ? "" : t.violations() + "/" + t.applicable()));
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<h2>Findings</h2>\n<table><tr><th>severity</th><th>check</th><th>account</th><th>principal</th>"
                + "<th>detail</th></tr>\n");
        for (Finding f : r.findings()) {
            h.append("<tr>").append(severity(f.severity().id())).append(td(f.check())).append(td(f.account()))
                    .append(td(f.principal())).append(td(f.detail())).append("</tr>\n");
        }
        h.append("</table>\n<h2>Checks</h2>\n<dl>\n");
        for (CheckInfo info : r.checks()) {
            h.append("<dt><b>").append(esc(info.id())).append("</b>: ").append(esc(info.title())).append("</dt><dd>")
                    .append(esc(info.rationale())).append("<br>Fix: ").append(esc(info.remediation())).append("</dd>\n");
        }
        h.append("</dl>\n</body></html>");
        out.println(h);
    }

    static String refs(CheckInfo info) {
        StringBuilder sb = new StringBuilder();
        if (info.cis() != null) {
            sb.append("CIS ").append(info.cis());
        }
        for (String s : new String[] {info.configRule(), info.securityHub()}) {
            if (s != null) {
                sb.append(sb.length() > 0 ? "; " : "").append(s);
            }
        }
        return sb.toString();
    }

    private static String bar(double percent) {
        return "<div class=\"bar\"><div style=\"width:" + String.format(Locale.ROOT, "%.1f", Math.min(100, percent)) + "%\"></div></div>";
    }

    private static String td(String s) {
        return "<td>" + esc(s) + "</td>";
    }

    private static String num(String s) {
        return "<td class=\"num\">" + esc(s) + "</td>";
    }

    private static String severity(String label) {
        return "<td class=\"" + label + "\">" + label + "</td>";
    }

    /** HTML-escapes text for element content and quoted attributes. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c < 0x20 && c != '\t' ? ' ' : c);
            }
        }
        return sb.toString();
    }
}
