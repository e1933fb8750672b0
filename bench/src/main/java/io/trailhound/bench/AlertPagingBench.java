package io.trailhound.bench;

import io.trailhound.store.EventStore;
import io.trailhound.web.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How long {@code GET /api/alerts} takes on a large store, over HTTP as the page asks it (the
 * issue's bound: under 300 ms a page). Give a store a {@code scan --db} filled; with
 * {@code ALERTS} larger than what it holds, it first adds synthetic alerts, one per stored event
 * (the worst case: every event an alert), so the pages run over that many rows.
 *
 * <pre>
 * trailhound generate --out /tmp/org1m --events 1000000 --accounts 8 --users 200 --days 3
 * trailhound scan /tmp/org1m/logs --db /tmp/org1m.duckdb
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) io.trailhound.bench.AlertPagingBench /tmp/org1m.duckdb 1000000
 * </pre>
 */
public final class AlertPagingBench {
    private AlertPagingBench() {
    }

    public static void main(String[] args) throws Exception {
        String store = args[0];
        long alerts = args.length > 1 ? Long.parseLong(args[1]) : 0;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        String origin;
        try (EventStore s = EventStore.open(store, false)) {
            long have = s.counts().get("alerts");
            if (have < alerts) {
                long t = System.nanoTime();
                // One alert per event, rule and severity spread over a few values, the JSON line kept as a scan keeps it.
                s.db().execute("INSERT INTO alerts SELECT 'bench:' || e.eventID, e.eventID, e.eventTime, 'bench-' || (hash(e.eventID) % 20), "
                        + "'Bench rule ' || (hash(e.eventID) % 20), CASE WHEN hash(e.eventID) % 3 = 0 THEN 'sigma' ELSE 'falco' END, "
                        + "['low','medium','high','critical'][(1 + hash(e.eventID) % 4)::BIGINT], 'Warning', "
                        + "'bench alert on ' || e.eventName || ' by ' || coalesce(e.identityArn, '?'), NULL, e.eventName, "
                        + "e.recipientAccountId, e.originType, e.originLabel, e.confidence, current_timestamp, e.credentialId, "
                        + "to_json({'time': e.eventTime, 'rule': 'Bench rule', 'eventID': e.eventID})::VARCHAR "
                        + "FROM event_view e LIMIT " + (alerts - have));
                System.err.printf(Locale.ROOT, "added %,d alerts in %.1f s%n", s.counts().get("alerts") - have,
                        (System.nanoTime() - t) / 1e9);
            }
            origin = s.db().queryString("SELECT originLabel FROM alerts WHERE originLabel IS NOT NULL "
                    + "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
            System.err.printf(Locale.ROOT, "store: %,d events, %,d alerts%n", s.counts().get("events"), s.counts().get("alerts"));
        }
        try (WebServer server = WebServer.start(new WebServer.Options(store, "127.0.0.1", 0, null, null, List.of(), 0),
                System.err::println)) {
            String base = server.url(null) + "api/";
            String o = java.net.URLEncoder.encode(origin == null ? "" : origin, java.nio.charset.StandardCharsets.UTF_8);
            List<String[]> rows = new ArrayList<>(List.of(
                    new String[] {"first page (50, newest first)", "alerts?limit=50"},
                    new String[] {"page at offset 500,000", "alerts?limit=50&offset=500000"},
                    new String[] {"severity=critical", "alerts?limit=50&severity=critical"},
                    new String[] {"rule + severity", "alerts?limit=50&rule=Bench+rule+7&severity=high"},
                    new String[] {"origin", "alerts?limit=50&origin=" + o},
                    new String[] {"time range (one hour)", "alerts?limit=50&from=2026-11-01T10:00&to=2026-11-01T11:00"},
                    new String[] {"text (q=DeleteTrail)", "alerts?limit=50&q=DeleteTrail"},
                    new String[] {"counts by rule, severity, format", "alerts/counts"},
                    new String[] {"counts, severity=critical", "alerts/counts?severity=critical"}));
            HttpClient http = HttpClient.newHttpClient();
            // The cursor of the page at offset 500,000: the next older page, read by keyset.
            String deep = http.send(HttpRequest.newBuilder(URI.create(base + "alerts?limit=50&offset=500000")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher older = java.util.regex.Pattern.compile("\"older\":\"([^\"]+)\"").matcher(deep);
            if (!older.find()) {
                throw new IllegalStateException("no cursor in " + deep.substring(0, Math.min(200, deep.length())));
            }
            String cursor = java.net.URLEncoder.encode(older.group(1), java.nio.charset.StandardCharsets.UTF_8);
            rows.add(2, new String[] {"older than offset 500,000 (before=cursor)", "alerts?limit=50&before=" + cursor});
            rows.add(3, new String[] {"newer than offset 500,000 (after=cursor)", "alerts?limit=50&after=" + cursor});
            rows.add(new String[] {"text, frequent (q=assumed-role)", "alerts?limit=50&q=assumed-role"});
            rows.add(new String[] {"text, frequent, offset 100,000", "alerts?limit=50&offset=100000&q=assumed-role"});
            System.out.println("| request | median ms | max ms |");
            System.out.println("|---|---|---|");
            for (String[] r : rows) {
                List<Double> ms = new ArrayList<>();
                for (int i = 0; i < repeats + 3; i++) {
                    long t = System.nanoTime();
                    HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + r[1])).build(),
                            HttpResponse.BodyHandlers.ofString());
                    double took = (System.nanoTime() - t) / 1e6;
                    if (res.statusCode() != 200) {
                        throw new IllegalStateException(r[1] + ": " + res.statusCode() + " " + res.body());
                    }
                    if (i >= 3) {
                        ms.add(took);
                    }
                }
                Collections.sort(ms);
                System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f |%n", r[0], ms.get(ms.size() / 2), ms.get(ms.size() - 1));
            }
            // The server lets go of the store after a second without requests: the next page opens it again.
            List<Double> cold = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Thread.sleep(2500);
                long t = System.nanoTime();
                http.send(HttpRequest.newBuilder(URI.create(base + "alerts?limit=50")).build(), HttpResponse.BodyHandlers.ofString());
                cold.add((System.nanoTime() - t) / 1e6);
            }
            Collections.sort(cold);
            System.out.printf(Locale.ROOT, "| first page after idle (store opened again) | %.0f | %.0f |%n", cold.get(2), cold.get(4));
        }
    }
}
