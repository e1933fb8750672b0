package io.trailhound.cli;

import io.trailhound.store.StoreException;
import io.trailhound.store.StoreQueries;
import io.trailhound.web.WebServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "A local web UI over the store a 'scan --db' filled: alerts with filters, each alert with its rule and its "
                + "origin chain drawn as a graph, who is behind a key, ARN or event, an origin's timeline across roles "
                + "and accounts, the posture audit, the rules and the ingest log. The JSON API behind every page is "
                + "under /api (see the README).",
            "",
            "The store is opened read-only, and only while requests come (a scan --db can write between page loads; "
                + "while one is writing, the pages say so and retry). Binds 127.0.0.1 by default; any other --bind "
                + "needs a token: --token, or one generated and printed once. Give the same rule options as the scan "
                + "so the pages can show each rule's description and file."},
        footer = {"", "Exit codes: 0 stopped; 2 usage error, no store, or unreadable --posture input.",
            "", "Examples:", "  trailhound serve --db ~/th.duckdb",
            "  trailhound serve --db ~/th.duckdb --posture posture/ --port 8080",
            "  trailhound serve --db ~/th.duckdb --bind 0.0.0.0          # prints a token to open it with"})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + WebServer.DEFAULT_PORT,
            description = "The port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = WebServer.DEFAULT_BIND,
            description = "The address to listen on (default: ${DEFAULT-VALUE}). Any non-loopback address needs a token.")
    String bind;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Require this token (?token=TOKEN once, or Authorization: Bearer TOKEN). Generated when "
                    + "--bind is not a loopback address and none is given.")
    String token;

    @Option(names = "--posture", paramLabel = "PATH",
            description = "The posture page's report: what 'audit PATH' reads (an organisation directory, an account, a "
                    + "file), or a saved 'audit --format json' file.")
    Path posture;

    @Mixin
    RuleOptions rules;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be from 0 to 65535");
        }
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("--token must not be blank");
        }
        String location = store.location();
        // Through the run writing the store when one is (it answers readers), else read-only here.
        try (StoreQueries q = StoreQueries.open(location)) {
            java.util.Map<String, Long> counts = q.counts();
            System.err.printf("serve: %s, %,d events, %,d alerts%s%n", TerminalText.escape(location), counts.get("events"),
                    counts.get("alerts"), q.reader().viaWriter() ? " (being written: the writing run answers)" : "");
        } catch (StoreException e) {
            if (!WebServer.lockedByWriter(e)) {
                System.err.println("trailhound: " + TerminalText.escape(e.getMessage()));
                return ExitCodes.USAGE_OR_INPUT;
            }
            System.err.println("serve: note: " + TerminalText.escape(location)
                    + " is being written by another run; the pages will wait for it");
        }
        RuleOptions.Loaded loaded = rules.load(System.err, true);
        boolean generated = false;
        if (token == null && !WebServer.isLoopback(bind)) {
            token = WebServer.newToken();
            generated = true;
        }
        WebServer server;
        try {
            server = WebServer.start(new WebServer.Options(location, bind, port, token, posture, loaded.rules(),
                    loaded.result().skipped().size()), msg -> System.err.println("serve: " + TerminalText.escape(msg)));
        } catch (IOException e) {
            System.err.println("trailhound: --posture: " + TerminalText.escape(e.getMessage()));
            return ExitCodes.USAGE_OR_INPUT;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "trailhound-serve-stop"));
        System.err.println("serve: open " + server.url(token) + "   (Ctrl-C stops)");
        if (generated) {
            System.err.println("serve: the token was generated for this run and is shown only here");
        }
        stopped.await();
        return ExitCodes.OK;
    }
}
