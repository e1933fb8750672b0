package io.trailhound.cli;

import io.trailhound.core.posture.AuditResult;
import io.trailhound.core.posture.Finding;
import java.io.IOException;
import java.io.PrintStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** {@code audit --format csv}: one finding a row, for spreadsheets and ticket imports. */
final class AuditCsv {
    static final String[] HEADER = {"check", "severity", "account", "user", "role", "age_days", "detail"};

    private AuditCsv() {
    }

    static void print(PrintStream out, AuditResult r) throws IOException {
        CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get());
        for (Finding f : r.findings()) {
            p.printRecord(f.check(), f.severity().id(), f.account(), cell(f.user()), cell(f.role()),
                    f.ageDays() >= 0 ? String.valueOf(f.ageDays()) : "", cell(f.detail()));
        }
        p.flush();
    }

    /**
     * User names and details come from the accounts audited; a cell a spreadsheet would run as a
     * formula ({@code =}, {@code +}, {@code -}, {@code @}) gets a leading apostrophe (OWASP CSV injection).
     */
    static String cell(String s) {
        if (s == null) {
            return "";
        }
        return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }
}
