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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Objects served as S3 serves GetObject to a path-style client ({@code GET /bucket/key}, with its
 * ETag, If-Match and a {@code bytes=N-} range), on loopback: what watch reads of the objects SQS
 * announces with their ETag; and ListObjectsV2 ({@code GET /bucket?list-type=2}: prefix,
 * delimiter, URL-encoded keys, pages of {@link #pageSize} keys), what {@code scan s3://} lists. The aws module's tests run the S3 protocol itself against S3Proxy,
 * whose Jetty cannot share the cli's test classpath with the web UI's.
 */
final class LocalS3Objects implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger listCalls = new java.util.concurrent.atomic.AtomicInteger();
    private volatile int pageSize = 1000;

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
            String query = x.getRequestURI().getRawQuery();
            if (x.getRequestMethod().equals("GET") && query != null && query.contains("list-type=2")) {
                list(x, path.endsWith("/") ? path.substring(0, path.length() - 1) : path, query);
                return;
            }
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

    /** Keys a listing page holds at most (S3: 1,000). */
    LocalS3Objects pageSize(int keys) {
        this.pageSize = keys;
        return this;
    }

    int listCalls() {
        return listCalls.get();
    }

    /** One page of ListObjectsV2: objects and common prefixes merged in key order, the continuation token an index. */
    private void list(HttpExchange x, String bucket, String rawQuery) throws IOException {
        listCalls.incrementAndGet();
        Map<String, String> q = new java.util.HashMap<>();
        for (String kv : rawQuery.split("&")) {
            int eq = kv.indexOf('=');
            q.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        String prefix = q.getOrDefault("prefix", "");
        String delimiter = q.get("delimiter");
        java.util.TreeMap<String, byte[]> entries = new java.util.TreeMap<>(); // key or common prefix (null body)
        objects.forEach((k, v) -> {
            if (k.startsWith(bucket + "/") && k.substring(bucket.length() + 1).startsWith(prefix)) {
                String key = k.substring(bucket.length() + 1);
                int cut = delimiter == null ? -1 : key.indexOf(delimiter, prefix.length());
                if (cut >= 0) {
                    entries.putIfAbsent(key.substring(0, cut + delimiter.length()), null);
                } else {
                    entries.put(key, v);
                }
            }
        });
        List<Map.Entry<String, byte[]>> all = new java.util.ArrayList<>(entries.entrySet());
        int from = Integer.parseInt(q.getOrDefault("continuation-token", "0"));
        int to = Math.min(all.size(), from + Math.min(pageSize, Integer.parseInt(q.getOrDefault("max-keys", "1000"))));
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult><Name>")
                .append(bucket).append("</Name><EncodingType>url</EncodingType><IsTruncated>").append(to < all.size())
                .append("</IsTruncated>");
        if (to < all.size()) {
            xml.append("<NextContinuationToken>").append(to).append("</NextContinuationToken>");
        }
        for (Map.Entry<String, byte[]> e : all.subList(from, to)) {
            String key = java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8).replace("+", "%20");
            xml.append(e.getValue() == null ? "<CommonPrefixes><Prefix>" + key + "</Prefix></CommonPrefixes>"
                    : "<Contents><Key>" + key + "</Key><LastModified>2026-11-01T10:05:00.000Z</LastModified><ETag>&quot;"
                    + etag(e.getValue()) + "&quot;</ETag><Size>" + e.getValue().length + "</Size></Contents>");
        }
        byte[] body = xml.append("</ListBucketResult>").toString().getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/xml");
        x.sendResponseHeaders(200, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
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
