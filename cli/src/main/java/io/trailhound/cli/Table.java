package io.trailhound.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain text table with aligned columns; cells are escaped for the terminal. Numbers align right. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final String[] header;

    Table(String... header) {
        this.header = header;
    }

    Table row(Object... cells) {
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = cells[i] == null ? "" : TerminalText.escape(String.valueOf(cells[i]));
        }
        rows.add(r);
        return this;
    }

    void print(PrintStream out) {
        int cols = header.length;
        int[] width = new int[cols];
        boolean[] numeric = new boolean[cols];
        for (int c = 0; c < cols; c++) {
            width[c] = header[c].length();
            numeric[c] = !rows.isEmpty();
        }
        for (String[] r : rows) {
            for (int c = 0; c < cols && c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
                if (!r[c].isEmpty() && !r[c].matches("[-+]?[0-9][0-9,.]*(%|x|s| ?[kMG]?B?(/s)?)?")) {
                    numeric[c] = false;
                }
            }
        }
        if (header.length > 0 && !String.join("", header).isEmpty()) {
            line(out, header, width, new boolean[cols]);
        }
        for (String[] r : rows) {
            line(out, r, width, numeric);
        }
    }

    private static void line(PrintStream out, String[] cells, int[] width, boolean[] right) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            String v = c < cells.length ? cells[c] : "";
            String pad = " ".repeat(width[c] - v.length());
            if (c > 0) {
                sb.append("  ");
            }
            sb.append(right[c] ? pad + v : (c == width.length - 1 ? v : v + pad));
        }
        out.println(sb.toString().stripTrailing());
    }
}
