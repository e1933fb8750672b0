package io.trailhound.cli;

import io.trailhound.store.StoreQueries;
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

    @Mixin
    StoreOptions store;

    @Mixin
    EventRangeOptions range;


    @Override
    public Integer call() {
        Instant now = Instant.now();
        Instant f = range.from(now);
        Instant t = range.to(now);
        EventJson.Printer printer = new EventJson.Printer(System.out, range.format);
        long n;
        try (StoreQueries s = StoreQueries.open(store.location())) {
            n = s.timeline(origin, f, t, range.limit, printer::accept);
        } catch (StoreException e) {
            System.err.println("trailhound: " + TerminalText.escape(e.getMessage()));
            return ExitCodes.USAGE_OR_INPUT;
        }
        printer.finish(Json.object().put("origin", origin));
        if (n == 0) {
            System.err.println("trailhound: no stored events with origin " + TerminalText.escape(origin));
        }
        return ExitCodes.OK;
    }
}
