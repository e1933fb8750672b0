package io.trailhound.core.rules.elastic;

import io.trailhound.core.Severity;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.TestRules;
import io.trailhound.core.rules.engine.Detection;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.rules.engine.StatefulRules;
import io.trailhound.core.rules.engine.TermHistory;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.RowQuery;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.Stateful;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs rules over hand-written CloudTrail events as a scan does (detector in "reading", stateful
 * rules at the end), and the GeoIP databases the ES|QL peer rules need: cities in France and
 * Australia (each on its own network), an Amazon network, and two other organisations' networks.
 */
final class EsqlRuns {
    static final String PARIS = "203.0.113.10";
    static final String SYDNEY = "192.0.2.200";
    static final String AMAZON_IP = "100.64.1.1";
    static final String EXAMPLE_ORG_IP = "198.51.100.20";
    static final String OTHER_ORG_IP = "192.0.2.10";
    private static GeoIp geo;
    private static LoadResult rules;
    private static int ids;

    private EsqlRuns() {
    }

    static synchronized GeoIp geo() {
        if (geo == null) {
            try {
                Path dir = Files.createTempDirectory("trailhound-esql-geo");
                dir.toFile().deleteOnExit();
                Path city = new MmdbTestWriter("GeoLite2-City")
                        .ipv4("203.0.113.0/24", MmdbTestWriter.city("Paris", "EU", "Europe", "FR", "France", "IDF",
                                "Île-de-France", 48.8566, 2.3522))
                        .ipv4("192.0.2.128/25", MmdbTestWriter.city("Sydney", "OC", "Oceania", "AU", "Australia",
                                "NSW", "New South Wales", -33.87, 151.21))
                        .write(dir.resolve("city.mmdb"));
                Path asn = new MmdbTestWriter("GeoLite2-ASN")
                        .ipv4("198.51.100.0/24", MmdbTestWriter.asn(64500, "Example Org"))
                        .ipv4("192.0.2.0/25", MmdbTestWriter.asn(64501, "Other Org"))
                        .ipv4("100.64.0.0/16", MmdbTestWriter.asn(16509, "Amazon.com, Inc."))
                        .ipv4("203.0.113.0/24", MmdbTestWriter.asn(64510, "Paris Net"))
                        .ipv4("192.0.2.128/25", MmdbTestWriter.asn(64511, "Sydney Net"))
                        .write(dir.resolve("asn.mmdb"));
                city.toFile().deleteOnExit();
                asn.toFile().deleteOnExit();
                geo = GeoIp.open(city, asn);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return geo;
    }

    /** The peer set's ES|QL rules, loaded with {@link #geo()}. */
    static synchronized LoadResult rules() {
        if (rules == null) {
            List<RuleFile> files = new ArrayList<>();
            for (Path p : PeerRules.files()) {
                try {
                    String text = Files.readString(p);
                    if (text.contains("type = \"esql\"")) {
                        files.add(new RuleFile(PeerRules.dir().relativize(p).toString(), text));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            rules = new ElasticFrontEnd(geo()).load(files);
        }
        return rules;
    }

    static CompiledRule rule(String name) {
        return rules().rules().stream().filter(r -> r.info().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no ES|QL peer rule named '" + name + "'"));
    }

    /** The peer rule's TOML text, for tests that run a variant of its query. */
    static String text(String fileName) {
        try (var s = Files.walk(PeerRules.dir())) {
            Path p = s.filter(f -> f.getFileName().toString().equals(fileName)).findFirst().orElseThrow();
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One rule loaded from TOML text, with {@link #geo()}. */
    static CompiledRule load(String name, String toml) {
        LoadResult r = new ElasticFrontEnd(geo()).load(List.of(new RuleFile(name, toml)));
        if (r.rules().size() != 1) {
            throw new AssertionError("did not load: " + r.problems());
        }
        return r.rules().get(0);
    }

    /** Every alert the rule raises on the events, given in any order. */
    static List<Alert> run(CompiledRule rule, List<CloudTrailEvent> events) {
        Detector d = new Detector(new RuleSet(List.of(rule)));
        StatefulRules s = new StatefulRules(TermHistory.inMemory(), null);
        List<Alert> out = new ArrayList<>();
        for (CloudTrailEvent e : events) {
            Detection det = d.detect(e);
            if (det == null) {
                continue;
            }
            for (Detection.Hit h : det.hits()) {
                out.add(new Alert(h.rule().info(), h.output(), h.fields(), det.event(), null, Map.of()));
            }
            det.candidates().forEach(c -> s.add(c, det.event(), null));
        }
        s.finish(out::add);
        if (!d.failures().isEmpty()) {
            throw new AssertionError("rule failed on an event: " + d.failures());
        }
        return out;
    }

    static List<Alert> run(CompiledRule rule, CloudTrailEvent... events) {
        return run(rule, List.of(events));
    }

    /**
     * A CloudTrail record: {@code identity} a userIdentity object, {@code rest} more top-level
     * members without the surrounding braces, or empty.
     */
    static CloudTrailEvent event(Instant time, String source, String name, String identity, String ip, String ua,
                                 String region, String rest) {
        String json = "{\"eventVersion\":\"1.09\",\"userIdentity\":" + identity + ",\"eventTime\":\"" + time
                + "\",\"eventSource\":\"" + source + "\",\"eventName\":\"" + name + "\",\"awsRegion\":\"" + region
                + "\",\"sourceIPAddress\":\"" + ip + "\",\"userAgent\":\"" + ua + "\",\"requestID\":\"req\","
                + "\"eventID\":\"esql-" + nextId() + "\",\"eventType\":\"AwsApiCall\",\"managementEvent\":true,"
                + "\"recipientAccountId\":\"111122223333\",\"eventCategory\":\"Management\""
                + (rest.isEmpty() ? "" : "," + rest) + "}";
        return TestEvents.parse(json);
    }

    static CloudTrailEvent event(Instant time, String source, String name, String identity, String ip, String rest) {
        return event(time, source, name, identity, ip, EvidenceCase.CLI, "us-east-1", rest);
    }

    private static synchronized int nextId() {
        return ids++;
    }

    /** {@code rule} with its query {@code q} answered by {@code query} (a wrapper the test made), under {@code id}. */
    static CompiledRule withQuery(String id, CompiledRule rule, Stateful.Query q, RowQuery query) {
        return TestRules.stateful(id, RuleFormat.ELASTIC, Severity.MEDIUM, rule.condition(),
                new Stateful.Query(query, q.lookBack(), q.interval()), Map.of());
    }

    /** Each alert as its event's id and its context, in order: what two runs are compared by. */
    static List<String> describe(List<Alert> alerts) {
        List<String> out = new ArrayList<>();
        for (Alert a : alerts) {
            out.add(a.event().eventID() + " " + a.context());
        }
        return out;
    }
}
