package io.trailhound.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Objects served as S3 serves GetObject to a path-style client ({@code GET /bucket/key}, with its
 * ETag, If-Match and a {@code bytes=N-} range), on loopback: what watch reads of the objects SQS
 * announces with their ETag. The aws module's tests run the S3 protocol itself against S3Proxy,
 * whose Jetty cannot share the cli's test classpath with the web UI's.
 */
final class LocalS3Objects implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    LocalS3Objects() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Stores {@code body} as {@code bucket/key}; returns its ETag (the MD5 of the body, as S3 gives for a single PUT). */
    String put(String bucket, String key, byte[] body) {
        objects.put(bucket + "/" + key, body);
        return etag(body);
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = URLDecoder.decode(x.getRequestURI().getRawPath().substring(1), StandardCharsets.UTF_8);
            byte[] body = objects.get(path);
            if (!x.getRequestMethod().equals("GET") || body == null) {
                byte[] error = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
                        + "<Message>The specified key does not exist.</Message></Error>").getBytes(StandardCharsets.UTF_8);
                x.getResponseHeaders().add("Content-Type", "application/xml");
                x.sendResponseHeaders(404, error.length);
                x.getResponseBody().write(error);
                return;
            }
            String etag = "\"" + etag(body) + "\"";
            String ifMatch = x.getRequestHeaders().getFirst("If-Match");
            if (ifMatch != null && !ifMatch.equals(etag)) {
                x.sendResponseHeaders(412, -1);
                return;
            }
            String range = x.getRequestHeaders().getFirst("Range");
            int from = range == null ? 0 : Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
            x.getResponseHeaders().add("ETag", etag);
            x.getResponseHeaders().add("Content-Type", "application/octet-stream");
            x.getResponseHeaders().add("Last-Modified", "Sun, 01 Nov 2026 10:05:00 GMT");
            if (range != null) {
                x.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            }
            x.sendResponseHeaders(range == null ? 200 : 206, body.length - from);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body, from, body.length - from);
            }
        }
    }

    private static String etag(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
