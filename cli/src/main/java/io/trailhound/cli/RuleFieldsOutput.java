package io.trailhound.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.rules.falco.FieldsTable;
import java.io.PrintStream;
import java.util.Locale;

/** {@code rules fields}: the Falco field table as a terminal table, JSON or Markdown. */
final class RuleFieldsOutput {
    private RuleFieldsOutput() {
    }

    static int print(PrintStream out, String format) {
        switch (format.toLowerCase(Locale.ROOT)) {
            case "markdown", "md" -> out.print(FieldsTable.markdown());
            case "json" -> {
                ObjectNode o = Json.object();
                ArrayNode arr = o.putArray("fields");
                for (FieldsTable.Row f : FieldsTable.rows()) {
                    arr.addObject().put("name", f.name()).put("type", f.type()).put("description", f.description());
                }
                Json.print(out, o, OutputFormat.json);
            }
            case "table" -> {
                Table t = new Table("field", "type", "description");
                for (FieldsTable.Row f : FieldsTable.rows()) {
                    t.row(f.name(), f.type(), f.description());
                }
                t.print(out);
            }
            default -> throw new IllegalArgumentException("--format: expected table, json or markdown, got '" + format + "'");
        }
        return ExitCodes.OK;
    }
}
