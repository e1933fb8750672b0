package io.trailhound.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The UI's files, written for this project and served from the jar: one HTML shell, its script
 * and its style sheet. Only these names are served (no path from the request reaches the class path).
 */
final class StaticPages {
    private static final String DIR = "/io/trailhound/web/static/";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "graph.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8");

    private StaticPages() {
    }

    static void index(Context ctx) throws IOException {
        send(ctx, "index.html");
    }

    static void file(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        if (!TYPES.containsKey(name) || name.equals("index.html")) {
            throw WebServerException.notFound("no such file");
        }
        send(ctx, name);
    }

    private static void send(Context ctx, String name) throws IOException {
        try (InputStream in = StaticPages.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw WebServerException.notFound("no such file");
            }
            ctx.contentType(TYPES.get(name)).result(in.readAllBytes());
        }
    }
}
