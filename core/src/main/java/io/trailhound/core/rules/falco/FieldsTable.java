package io.trailhound.core.rules.falco;

import java.util.List;

/** The supported fields for people ({@code trailhound rules fields}): as rows, or as a Markdown table. */
public final class FieldsTable {
    private FieldsTable() {
    }

    /** One row: the field as a rule writes it ({@code json.value[...]} for fields taking an argument). */
    public record Row(String name, String type, String description) {
    }

    public static List<Row> rows() {
        return FieldCatalog.standard().all().stream()
                .map(d -> new Row(d.name() + switch (d.arg()) {
                    case NONE -> "";
                    case OPTIONAL -> "[N]";
                    case REQUIRED -> "[...]";
                }, d.type().label(), d.description()))
                .toList();
    }

    public static String markdown() {
        StringBuilder sb = new StringBuilder("| field | type | description |\n|---|---|---|\n");
        for (Row r : rows()) {
            sb.append("| `").append(r.name()).append("` | ").append(r.type()).append(" | ")
                    .append(r.description().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }
}
