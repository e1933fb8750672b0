package io.trailhound.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code trailhound serve}: the UI's pages and the JSON API over one store, opened read-only. Every
 * answer carries a strict Content-Security-Policy (scripts and styles from this server only, no
 * inline code, nothing from the network), so a log field that slipped into the page as markup
 * could still run nothing; the pages write log fields as text in any case.
 */
public final class WebServer implements AutoCloseable {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 7878;
    /** The store is closed after this long without a request, so a {@code scan --db} can write between page loads. */
    static final long STORE_IDLE_MILLIS = 1000;

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /**
     * What to serve. {@code token} null on loopback: none needed; on any other {@code bind} a token
     * is required. {@code posture}: an {@code audit} input or a saved {@code audit --format json}, or null.
     */
    public record Options(String store, String bind, int port, String token, Path posture, List<CompiledRule> rules,
                          int skippedRules) {
    }

    private final Javalin app;
    private final StoreAccess store;
    private final String host;

    private WebServer(Javalin app, StoreAccess store, String host) {
        this.app = app;
        this.store = store;
        this.host = host;
    }

    /**
     * Starts serving; {@code log} gets internal errors (the page gets a message, never a trace).
     * IOException: the posture input could not be read (as {@code audit} reports it).
     */
    public static WebServer start(Options o, Consumer<String> log) throws IOException {
        boolean loopback = AccessGuard.isLoopback(o.bind());
        if (!loopback && (o.token() == null || o.token().isBlank())) {
            throw new IllegalArgumentException("--bind " + o.bind() + " is not a loopback address: a token is required");
        }
        JsonNode posture = o.posture() == null ? null : PostureReport.load(o.posture());
        StoreAccess store = new StoreAccess(o.store(), STORE_IDLE_MILLIS);
        Api api = new Api(store, new RuleCatalog(o.rules(), o.skippedRules()), posture,
                "start trailhound serve with --posture DIR (what 'audit DIR' reads) or --posture audit.json "
                        + "(saved 'audit --format json' output)");
        Javalin[] started = new Javalin[1];
        AccessGuard guard = new AccessGuard(o.token(), loopback, () -> started[0].port());
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.threadPool = new QueuedThreadPool(16, 2);
            config.http.generateEtags = false;
            config.routes.before(ctx -> {
                securityHeaders(ctx);
                guard.check(ctx);
            });
            config.routes.get("/", StaticPages::index);
            config.routes.get("/static/{name}", StaticPages::file);
            config.routes.get("/favicon.ico", ctx -> ctx.status(204));
            config.routes.get("/api/alerts", api::alerts);
            config.routes.get("/api/alerts/counts", api::alertCounts);
            config.routes.get("/api/alert", api::alert);
            config.routes.get("/api/who", api::who);
            config.routes.get("/api/timeline", api::timeline);
            config.routes.get("/api/posture", api::posture);
            config.routes.get("/api/rules", api::rules);
            config.routes.get("/api/rules/source", api::ruleSource);
            config.routes.get("/api/ingest", api::ingest);
            config.routes.exception(WebServerException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            config.routes.exception(StoreBusyException.class, (e, ctx) -> {
                ctx.header("Retry-After", "2");
                WebJson.send(ctx, 503, WebJson.object().put("error", e.getMessage()).put("busy", true));
            });
            config.routes.exception(StoreException.class, (e, ctx) -> error(ctx, 500, e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.accept("internal error on " + ctx.path() + ": " + e);
                error(ctx, 500, "internal error (" + e.getClass().getSimpleName() + "); the server's stderr has more");
            });
        });
        started[0] = app;
        try {
            app.start(o.bind(), o.port());
        } catch (RuntimeException e) {
            store.close();
            throw new IllegalArgumentException("cannot listen on " + o.bind() + ":" + o.port() + ": " + rootMessage(e), e);
        }
        return new WebServer(app, store, o.bind().contains(":") ? "[" + o.bind() + "]" : o.bind());
    }

    /** True for 127.0.0.1, ::1, localhost: the addresses that need no token. */
    public static boolean isLoopback(String bind) {
        return AccessGuard.isLoopback(bind);
    }

    /** True when opening the store failed because a writer (a running scan --db) holds its lock. */
    public static boolean lockedByWriter(Throwable e) {
        return StoreAccess.lockedByWriter(e);
    }

    /** A fresh random token for a server on another address. */
    public static String newToken() {
        return AccessGuard.newToken();
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    }

    private static void error(Context ctx, int status, String message) {
        WebJson.send(ctx, status, WebJson.object().put("error", message));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    public int port() {
        return app.port();
    }

    /** The address to open: {@code http://HOST:PORT/}, with {@code ?token=} when one is needed. */
    public String url(String token) {
        String h = host.equals("0.0.0.0") || host.equals("[::]") ? "127.0.0.1" : host;
        return "http://" + h + ":" + port() + "/" + (token == null ? "" : "?token=" + token);
    }

    @Override
    public void close() {
        app.stop();
        store.close();
    }
}
