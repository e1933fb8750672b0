package io.trailhound.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Who may use the UI. On loopback (the default) only requests naming a loopback host are served,
 * so a web page elsewhere cannot reach the store through DNS rebinding. With a token (required
 * for any other address) every request needs it: {@code ?token=} once, which sets an
 * {@code HttpOnly}, {@code SameSite=Strict} cookie, or {@code Authorization: Bearer TOKEN}.
 */
final class AccessGuard {
    static final String COOKIE = "trailhound_token";

    private final String token;
    private final boolean loopback;
    private final IntSupplier port;

    /** {@code port}: the port listened on, known once the server started. */
    AccessGuard(String token, boolean loopback, IntSupplier port) {
        this.token = token;
        this.loopback = loopback;
        this.port = port;
    }

    /** A token for a server on another address: 32 random bytes, URL-safe. */
    static String newToken() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind: unknown address " + bind);
        }
    }

    /** Throws 421 or 401 unless the request may go on; a good {@code ?token=} sets the cookie. */
    void check(Context ctx) {
        if (loopback) {
            String host = ctx.header("Host");
            int p = port.getAsInt();
            if (host == null || !Set.of("127.0.0.1:" + p, "localhost:" + p, "[::1]:" + p).contains(host.toLowerCase(Locale.ROOT))) {
                throw new WebServerException(421, "this server answers only to a loopback host name (open the URL it printed)");
            }
        }
        if (token == null) {
            return;
        }
        String given = ctx.queryParam("token");
        if (given != null && same(given)) {
            ctx.header("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
            return;
        }
        String auth = ctx.header("Authorization");
        if (auth != null && auth.startsWith("Bearer ") && same(auth.substring(7).strip())) {
            return;
        }
        String cookie = ctx.cookie(COOKIE);
        if (cookie != null && same(cookie)) {
            return;
        }
        throw new WebServerException(401, "a token is required: open the URL trailhound serve printed (it ends in ?token=...), "
                + "or send Authorization: Bearer TOKEN");
    }

    private boolean same(String given) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
}
