package io.trailhound.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.store.EventStore;
import io.trailhound.store.StoreException;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {
            "Delete what is older than the retention window from the store: events, their attributions and "
                + "alerts by event time, quarantine entries by when they were kept. Credential issuances (and console "
                + "SwitchRole links) are kept at least 36 h past their expiry, so later runs still attribute the "
                + "sessions they started. The ingest log is kept, so a pruned file is not read in again."},
        footer = {"", "Exit codes: 0 ok; 2 no store, or a usage error.",
            "", "Example:", "  trailhound prune --db ~/.trailhound/trailhound.duckdb --retention 90d"})
final class PruneCommand implements Callable<Integer> {
    @Option(names = "--retention", required = true, paramLabel = "DURATION",
            description = "Keep this much before now: 90d, 36h, 2w, ...")
    String retention;

    @Mixin
    StoreOptions store;

    @Option(names = "--wait-for-lock", paramLabel = "DURATION",
            description = "When another process is writing the store, wait up to this long (30s, 10m, ...) instead of "
                    + "failing at once (exit 2).")
    String waitForLock;

    @Option(names = "--format", defaultValue = "table", description = "table, json or ndjson (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        java.time.Duration keep = TimeArgs.duration("--retention", retention);
        if (!EventStore.MEMORY.equals(store.location()) && !java.nio.file.Files.isRegularFile(java.nio.file.Path.of(store.location()))) {
            System.err.println("trailhound: no store at " + TerminalText.escape(store.location()));
            return ExitCodes.USAGE_OR_INPUT;
        }
        java.time.Duration lockWait = waitForLock == null ? java.time.Duration.ZERO
                : TimeArgs.duration("--wait-for-lock", waitForLock);
        try (EventStore s = EventStore.open(store.location(), false, lockWait)) {
            EventStore.Pruned p = s.prune(keep, Instant.now());
            ObjectNode o = json(p);
            o.put("store", s.location());
            o.put("eventsLeft", s.eventCount());
            if (format == OutputFormat.table) {
                Table t = new Table("", "");
                t.row("store", s.location());
                t.row("cut-off", p.cutoff().toString());
                t.row("events", String.format(Locale.ROOT, "%,d deleted", p.events()));
                t.row("attributions", String.format(Locale.ROOT, "%,d deleted", p.attributions()));
                t.row("quarantine", String.format(Locale.ROOT, "%,d deleted", p.quarantine()));
                t.row("alerts", String.format(Locale.ROOT, "%,d deleted", p.alerts()));
                t.row("issuances", String.format(Locale.ROOT, "%,d deleted (expired before %s)", p.issuances(), p.ledgerCutoff()));
                t.row("switch-role links", String.format(Locale.ROOT, "%,d deleted", p.switchRoles()));
                t.row("events left", String.format(Locale.ROOT, "%,d", o.get("eventsLeft").asLong()));
                t.print(System.out);
            } else {
                Json.print(System.out, o, format);
            }
        } catch (StoreException e) {
            System.err.println("trailhound: " + TerminalText.escape(e.getMessage()));
            return ExitCodes.USAGE_OR_INPUT;
        }
        return ExitCodes.OK;
    }

    static ObjectNode json(EventStore.Pruned p) {
        ObjectNode o = Json.object();
        o.put("cutoff", p.cutoff().toString());
        o.put("ledgerCutoff", p.ledgerCutoff().toString());
        ObjectNode d = o.putObject("deleted");
        d.put("events", p.events());
        d.put("attributions", p.attributions());
        d.put("credentials", p.credentials());
        d.put("quarantine", p.quarantine());
        d.put("alerts", p.alerts());
        d.put("issuances", p.issuances());
        d.put("switchRoles", p.switchRoles());
        return o;
    }
}
