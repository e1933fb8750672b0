package io.trailhound.cli;

import io.trailhound.aws.s3.TrailKeyFilter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** What of an s3:// trail to list: days, accounts and regions, pruned by the key layout. */
final class S3Options {
    @Option(names = "--from", paramLabel = "DATE",
            description = "s3:// only: list trail files from this day on (2026-11-01, or a duration ago: 7d), by the date "
                    + "in the key; other days are never listed.")
    String from;

    @Option(names = "--to", paramLabel = "DATE",
            description = "s3:// only: list trail files up to this day (and the day after, for files delivered after midnight).")
    String to;

    @Option(names = "--accounts", paramLabel = "ID", split = ",",
            description = "s3:// only: list only these accounts' folders (comma-separated 12-digit ids).")
    List<String> accounts;

    @Option(names = "--regions", paramLabel = "REGION", split = ",",
            description = "s3:// only: list only these regions' folders (comma-separated, e.g. us-east-1,eu-west-1).")
    List<String> regions;

    @Option(names = "--list-threads", paramLabel = "N", defaultValue = "16",
            description = "s3:// only: prefixes listed at once (default: ${DEFAULT-VALUE}).")
    int listThreads;

    TrailKeyFilter filter(Instant now) {
        return new TrailKeyFilter(day("--from", from, now), day("--to", to, now), set("--accounts", accounts, "\\d{12}"),
                set("--regions", regions, "[a-z]{2}(-[a-z]+)+-\\d+"));
    }

    private static LocalDate day(String option, String text, Instant now) {
        return text == null ? null : LocalDate.ofInstant(TimeArgs.instant(option, text, now), ZoneOffset.UTC);
    }

    private static Set<String> set(String option, List<String> values, String pattern) {
        if (values == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            String t = v.trim();
            if (!t.matches(pattern)) {
                throw new IllegalArgumentException(option + ": '" + v + "' is not " + (option.equals("--accounts")
                        ? "a 12-digit account id" : "a region name such as us-east-1"));
            }
            out.add(t);
        }
        return out;
    }

    boolean given() {
        return from != null || to != null || accounts != null || regions != null;
    }

}
