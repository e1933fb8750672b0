package io.trailhound.cli;

import io.trailhound.store.StoreQueries;
import io.trailhound.store.SearchFilter;
import io.trailhound.store.StoreException;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = {
            "The stored events that match, each with its origin, in time order (all of them unless --limit).",
            "",
            "--where takes a SQL expression (DuckDB SQL) over the view event_view, whose columns are: eventID, "
                + "eventTime (TIMESTAMP, UTC), eventSource, eventName, awsRegion, sourceIPAddress, userAgent, errorCode, "
                + "recipientAccountId, identityType, identityArn, identityAccountId, accessKeyId, sessionIssuerArn, "
                + "sourceFile, byteOffset, raw (the record's JSON: use json_extract_string(raw, '$.requestParameters.x')), "
                + "originType, originArn, originName, originLabel, originProvider, originAccount, confidence, reason, "
                + "chain, anomalies, credentialId (the credential whose answer the origin is), attributionPending (true while "
                + "an issuance not read yet could change it), attributionExactAt (when it became exact). The store is opened read-only and without access to other files, so the SQL can "
                + "read the store but change nothing."},
        footer = {"", "Exit codes: 0 ok (also when nothing matches); 2 bad SQL, no store, or a usage error.",
            "", "Examples:", "  trailhound search --event-name ConsoleLogin --limit 20",
            "  trailhound search --where \"errorCode = 'AccessDenied' AND confidence = 'exact'\" --format ndjson",
            "  trailhound search --where \"json_extract_string(raw, '$.requestParameters.bucketName') = 'prod-data'\""})
final class SearchCommand implements Callable<Integer> {
    @Option(names = "--where", paramLabel = "SQL", description = "A SQL expression over event_view (see above).")
    String where;

    @Option(names = "--event-name", paramLabel = "NAME", description = "Only this eventName (exact).")
    String eventName;

    @Option(names = "--event-source", paramLabel = "SOURCE", description = "Only this eventSource, e.g. iam.amazonaws.com.")
    String eventSource;

    @Option(names = "--account", paramLabel = "ID", description = "Only events recorded in this account (recipientAccountId).")
    String account;

    @Option(names = "--origin", paramLabel = "ARN-OR-NAME", description = "Only events of this origin.")
    String origin;

    @Option(names = "--arn", paramLabel = "ARN", description = "Only events that acted as this identity ARN.")
    String arn;

    @Option(names = "--raw", description = "Include each event's whole record (json and ndjson formats).")
    boolean raw;

    @Mixin
    StoreOptions store;

    @Mixin
    EventRangeOptions range;


    @Override
    public Integer call() {
        Instant now = Instant.now();
        SearchFilter f = SearchFilter.all().withWhere(where).withEventName(eventName).withEventSource(eventSource)
                .withAccount(account).withOrigin(origin).withIdentityArn(arn)
                .between(range.from(now), range.to(now))
                .withLimit(range.limit).withRaw(raw && range.format != OutputFormat.table);
        EventJson.Printer printer = new EventJson.Printer(System.out, range.format);
        try (StoreQueries s = StoreQueries.open(store.location())) {
            s.search(f, printer::accept);
        } catch (StoreException e) {
            System.err.println("trailhound: " + TerminalText.escape(e.getMessage()));
            return ExitCodes.USAGE_OR_INPUT;
        }
        printer.finish(null);
        return ExitCodes.OK;
    }
}
