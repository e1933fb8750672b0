package io.trailhound.core.rules.sigma;

import java.util.Locale;

/**
 * Whether a rule is about CloudTrail: {@code logsource} with {@code product: aws} and
 * {@code service: cloudtrail} or no service. Anything else is another log source and is skipped,
 * not compiled, since its field names would mean nothing on CloudTrail records.
 */
final class LogsourceFilter {
    private LogsourceFilter() {
    }

    /** Null when the rule applies to CloudTrail, else why not. */
    static String whyNot(YamlNode logsource) {
        if (!(logsource instanceof YamlNode.MapNode m)) {
            return "no logsource";
        }
        String product = text(m.get("product"));
        String service = text(m.get("service"));
        if (!"aws".equals(product)) {
            return "logsource product is " + (product == null ? "not given" : "'" + product + "'") + ", not aws";
        }
        if (service != null && !service.equals("cloudtrail")) {
            return "logsource service is '" + service + "', not cloudtrail";
        }
        return null;
    }

    /** The logsource as {@code product=aws service=cloudtrail}, for rule listings. */
    static String describe(YamlNode logsource) {
        if (!(logsource instanceof YamlNode.MapNode m)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String k : new String[] {"product", "service", "category"}) {
            String v = text(m.get(k));
            if (v != null) {
                sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v);
            }
        }
        return sb.toString();
    }

    private static String text(YamlNode n) {
        return n instanceof YamlNode.Scalar s && !s.isNull() ? s.text().trim().toLowerCase(Locale.ROOT) : null;
    }
}
