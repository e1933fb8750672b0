package io.trailhound.cli;

import io.trailhound.store.EventStore;
import io.trailhound.store.StoreException;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = {
            "Everything one origin did, across all the roles and accounts it went through, in time order, "
                + "from the store a 'scan --db' filled.",
            "",
            "The origin is what 'who' and 'search' print: an ARN (arn:aws:iam::111122223333:user/alice) or a name "
                + "(a SAML or web-identity subject, an AWS service such as ec2.amazonaws.com)."},
        footer = {"", "Exit codes: 0 ok (also when the origin has no events); 2 no store, or a usage error.",
            "", "Examples:", "  trailhound timeline --origin arn:aws:iam::111122223333:user/alice --from 7d",
            "  trailhound timeline --origin alice@example.com --format ndjson"})
final class TimelineCommand implements Callable<Integer> {
    @Option(names = "--origin", required = true, paramLabel = "ARN-OR-NAME", description = "The origin's ARN or name.")
    String origin;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Only events at or after TIME: 2026-11-01T10:00:00Z, 2026-11-01, or a duration ago (24h, 7d).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only events before TIME (same forms as --from).")
    String to;

    @Option(names = "--limit", paramLabel = "N", description = "At most N events (default: all).")
    Long limit;

    @Mixin
    StoreOptions store;

    @Option(names = "--format", defaultValue = "table",
            description = "table, json or ndjson (one event per line) (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        Instant now = Instant.now();
        Instant f = TimeArgs.instant("--from", from, now);
        Instant t = TimeArgs.instant("--to", to, now);
        EventJson.Printer printer = new EventJson.Printer(System.out, format);
        long n;
        try (EventStore s = EventStore.open(store.location(), true)) {
            n = s.timeline(origin, f, t, limit, printer::accept);
        } catch (StoreException e) {
            System.err.println("trailhound: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        }
        printer.finish(Json.object().put("origin", origin));
        if (n == 0) {
            System.err.println("trailhound: no stored events with origin " + TerminalText.escape(origin));
        }
        return ExitCodes.OK;
    }
}
