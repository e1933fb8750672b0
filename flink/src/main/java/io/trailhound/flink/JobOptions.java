package io.trailhound.flink;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the job reads, which rules it runs, how long it waits, and where its sinks write: the
 * command line of {@code flink run} ({@link #parse}), or set by the CLI's {@code flink --local}.
 * Shipped to every operator, so plain serializable values only.
 */
public final class JobOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Files or directories (any Flink file system: file://, s3://, hdfs://). */
    public List<String> paths = new ArrayList<>();
    // Rules: the same choices as `trailhound scan`.
    public List<String> rules = new ArrayList<>();
    public boolean builtin = true;
    public List<String> enable = new ArrayList<>();
    public List<String> disable = new ArrayList<>();
    public List<String> tags = new ArrayList<>();
    public String minPriority;
    public boolean falcoFirstMatch;
    /** Epoch millis before which new-terms rules only learn; null: none. */
    public Long learnUntilMillis;
    public String geoipCity;
    public String geoipAsn;
    public List<String> authorizationDetails = new ArrayList<>();
    // Time.
    /** Null: read the paths once (a backfill); else look for new files this often. */
    public Duration monitorInterval;
    /** CloudTrail's delivery delay: how far event time may go back among records read. */
    public Duration outOfOrderness = Duration.ofMinutes(15);
    /** How long past an event's time its alert waits for a final attribution (event time). */
    public Duration attributionWait = Duration.ofMinutes(20);
    /**
     * In a backfill, hold every decision to the end of the input as {@code trailhound scan} does
     * (true, the default) or advance event time as records come (false: same as monitoring).
     */
    public boolean decideAtEnd = true;
    /**
     * How long past its last use (event time) a credential's state, and past its expiry a ledger
     * entry, is kept: the ledger's retention, issuances at least 36 h past expiry, as the store
     * keeps them. Only applies when event time advances.
     */
    public Duration ledgerRetention = Duration.ofHours(36);
    /**
     * Issuance hops followed from a credential to its origin: as many as the core's resolver
     * follows by default. The job walks them in {@link LedgerRound#rounds} doubling rounds (7 for
     * 64 hops), each a keyed operator, reaching the next power of two.
     */
    public int chainHops = io.trailhound.core.identity.AttributionResolver.MAX_HOPS;
    // Run.
    public int parallelism;
    public String checkpointDir;
    public Duration checkpointInterval = Duration.ofSeconds(30);
    // Sinks (directories or object-store prefixes); null: not written.
    public String alertsOut;
    public String eventsOut;
    public String quarantineOut;

    /** True when event time advances while reading (monitoring, or a backfill that does not wait for its end). */
    public boolean watermarks() {
        return monitorInterval != null || !decideAtEnd;
    }

    /** Parses {@code flink run}'s program arguments; throws IllegalArgumentException with the option's name. */
    public static JobOptions parse(String... args) {
        JobOptions o = new JobOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                o.paths.add(a);
                continue;
            }
            switch (a) {
                case "--no-builtin" -> o.builtin = false;
                case "--falco-rule-matching-first" -> o.falcoFirstMatch = true;
                case "--no-decide-at-end" -> o.decideAtEnd = false;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--rules" -> o.rules.add(v);
                        case "--enable" -> o.enable.add(v);
                        case "--disable" -> o.disable.add(v);
                        case "--tag" -> o.tags.add(v);
                        case "--min-priority" -> o.minPriority = v;
                        case "--falco-rule-matching" -> o.falcoFirstMatch = "first".equals(v);
                        case "--learn-until" -> o.learnUntilMillis = java.time.Instant.parse(v).toEpochMilli();
                        case "--geoip-city" -> o.geoipCity = v;
                        case "--geoip-asn" -> o.geoipAsn = v;
                        case "--authorization-details" -> o.authorizationDetails.add(v);
                        case "--monitor" -> o.monitorInterval = duration(a, v);
                        case "--out-of-orderness" -> o.outOfOrderness = duration(a, v);
                        case "--attribution-wait" -> o.attributionWait = duration(a, v);
                        case "--chain-hops" -> o.chainHops = positive(a, v);
                        case "--ledger-retention" -> o.ledgerRetention = duration(a, v);
                        case "--parallelism" -> o.parallelism = positive(a, v);
                        case "--checkpoint-dir" -> o.checkpointDir = v;
                        case "--checkpoint-interval" -> o.checkpointInterval = duration(a, v);
                        case "--alerts" -> o.alertsOut = v;
                        case "--events" -> o.eventsOut = v;
                        case "--quarantine" -> o.quarantineOut = v;
                        default -> throw new IllegalArgumentException("unknown option " + a);
                    }
                }
            }
        }
        if (o.paths.isEmpty()) {
            throw new IllegalArgumentException("no PATH to read");
        }
        return o;
    }

    /** {@code 90s}, {@code 20m}, {@code 36h}, {@code 7d}, or ISO-8601 ({@code PT20M}). */
    static Duration duration(String option, String v) {
        try {
            if (v.startsWith("P") || v.startsWith("p")) {
                return Duration.parse(v);
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            Duration d = switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> null;
            };
            if (d != null && !d.isNegative()) {
                return d;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": '" + v + "' is not a duration (90s, 20m, 36h, 7d)");
    }

    private static int positive(String option, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": '" + v + "' is not a positive number");
    }
}
