package io.trailhound.aws.s3;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import io.trailhound.aws.AwsSettings;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;

/**
 * HTTP/1.1 for S3's body-less requests (GET, HEAD) over kept-alive connections, HTTPS as the JDK's
 * default TLS (trust store, host name checked) makes it. A trail is thousands of objects of a few
 * kB, and the JDK's URL connection with the SDK's wrapper around it (header maps built and copied
 * several times, a connection object and a keep-alive cache lookup per request) made the scan's
 * CPU an object a third higher than over this client (S3ScanBench's url rows, same run). Here a request is one
 * write of its head; the answer's head is parsed from the connection's own buffer and its body
 * read from that buffer, delimited by Content-Length or chunked, and the connection goes back to
 * the pool when the body was read to its end (closed when it was not, or the server said so).
 * A kept connection the server closed meanwhile is found when the request on it gets no answer
 * at all, and the request is sent once more on a new connection (GET and HEAD are idempotent);
 * every other failure is the caller's, whose retry strategy handles it. Requests through a proxy
 * are not sent here ({@link #direct}).
 */
final class Http11Client {
    /** An answer's status line and headers together (or a chunk's size line and the trailers); S3's are well under 2 kB. */
    private static final int HEAD_LIMIT = 64 * 1024;
    /**
     * A kept connection unused for longer is closed rather than reused: S3 drops idle connections after
     * some seconds, and a request on a dropped one costs a round trip before it is sent again.
     */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(4);
    private static final int BUFFER = 16 * 1024;

    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final Map<String, ConcurrentLinkedDeque<Connection>> idle = new ConcurrentHashMap<>();
    private final AtomicLong opened = new AtomicLong();
    private final SSLSocketFactory tls;
    private final long idleNanos;

    private static final class Shared {
        static final Http11Client CLIENT = new Http11Client(AwsSettings.CONNECT_TIMEOUT, AwsSettings.SOCKET_TIMEOUT);
    }

    /** One client, one pool of kept connections, for every S3 client in the process (made on first use). */
    static Http11Client shared() {
        return Shared.CLIENT;
    }

    /**
     * Whether a request to {@code url} may go straight to its host: neither the SDK's URL-connection
     * client would send it through a proxy (its default proxy settings, from system properties and
     * {@code HTTP_PROXY}-style variables: any proxy named there leaves every request to that client,
     * which also applies their exceptions) nor the JDK's (its {@link ProxySelector}).
     */
    static boolean direct(URI url) {
        if (ProxyConfiguration.builder().build().host() != null) {
            return false;
        }
        ProxySelector proxies = ProxySelector.getDefault();
        return proxies == null || proxies.select(url).stream().allMatch(p -> p.type() == Proxy.Type.DIRECT);
    }

    Http11Client(Duration connectTimeout, Duration readTimeout) {
        this(connectTimeout, readTimeout, IDLE_LIMIT, null);
    }

    /**
     * @param idleLimit how long a kept connection may stay unused and still be used ({@link #IDLE_LIMIT})
     * @param tls how TLS connections are made; null: the JDK's default (its trust store), made on first use
     */
    Http11Client(Duration connectTimeout, Duration readTimeout, Duration idleLimit, SSLSocketFactory tls) {
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
        this.idleNanos = idleLimit.toNanos();
        this.tls = tls;
    }

    /**
     * An answer: its status, headers, and body (empty for HEAD), to be read to its end or aborted. The
     * SDK's form of the status line and headers is made only when asked for (a HEAD, a refusal): a GET
     * needs its status alone.
     */
    static final class Answer {
        private final int status;
        private final String statusText;
        /** Names and values, alternating, in the order received. */
        private final List<String> headers;
        private final AbortableInputStream body;
        private SdkHttpResponse head;

        private Answer(int status, String statusText, List<String> headers, AbortableInputStream body) {
            this.status = status;
            this.statusText = statusText;
            this.headers = headers;
            this.body = body;
        }

        int status() {
            return status;
        }

        SdkHttpResponse head() {
            if (head == null) {
                SdkHttpResponse.Builder b = SdkHttpResponse.builder().statusCode(status).statusText(statusText);
                for (int i = 0; i < headers.size(); i += 2) {
                    b.appendHeader(headers.get(i), headers.get(i + 1));
                }
                head = b.build();
            }
            return head;
        }

        AbortableInputStream body() {
            return body;
        }
    }

    /**
     * Sends {@code request} (GET or HEAD, its headers as they are, Host and signature included) and
     * reads the answer's head.
     *
     * @throws IOException when no answer came (connecting, sending, a head cut short or malformed)
     */
    Answer send(SdkHttpRequest request) throws IOException {
        return send(request, null);
    }

    /** As {@link #send(SdkHttpRequest)}, with {@code signature}'s headers (Host among them) after the request's own. */
    Answer send(SdkHttpRequest request, S3Signer.Signature signature) throws IOException {
        String method = request.method().name();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new IllegalArgumentException("only body-less GET and HEAD are sent here, not " + method);
        }
        byte[] head = requestHead(request, signature);
        ConcurrentLinkedDeque<Connection> kept = idle.computeIfAbsent(hostKey(request.protocol(), request.host(), request.port()),
                k -> new ConcurrentLinkedDeque<>());
        for (Connection c = kept.pollFirst(); c != null; c = kept.pollFirst()) {
            if (c.idleFor() > idleNanos) {
                c.close();
                continue;
            }
            try {
                return exchange(c, head, method, kept);
            } catch (StaleConnectionException e) {
                c.close(); // closed by the server while kept: try the next, or a new one
            } catch (IOException | RuntimeException e) {
                c.close();
                throw e;
            }
        }
        Connection fresh = open(request.protocol(), request.host(), request.port());
        try {
            return exchange(fresh, head, method, kept);
        } catch (StaleConnectionException e) {
            fresh.close();
            throw new EOFException("the connection was closed before an answer: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw e;
        }
    }

    /** Closes every kept connection (the pool can still be used: new ones are opened). */
    void closeIdle() {
        idle.values().forEach(q -> {
            for (Connection c = q.pollFirst(); c != null; c = q.pollFirst()) {
                c.close();
            }
        });
    }

    /** Connections opened so far (tests: whether kept ones are reused). */
    long opened() {
        return opened.get();
    }

    /** Idle connections kept for {@code protocol://host:port} (tests). */
    int idleConnections(String protocol, String host, int port) {
        ConcurrentLinkedDeque<Connection> q = idle.get(hostKey(protocol, host, port));
        return q == null ? 0 : q.size();
    }

    private static String hostKey(String protocol, String host, int port) {
        return protocol + "://" + host + ":" + port;
    }

    /** The request line and headers, one write. Header values are the signed request's: no CR or LF may pass. */
    private static byte[] requestHead(SdkHttpRequest request, S3Signer.Signature signature) {
        StringBuilder s = new StringBuilder(768).append(request.method().name()).append(' ')
                .append(request.encodedPath().isEmpty() ? "/" : request.encodedPath());
        request.encodedQueryParameters().ifPresent(q -> s.append('?').append(q)); // as the SDK's HTTP clients send it
        s.append(" HTTP/1.1\r\n");
        if (signature == null && request.firstMatchingHeader("Host").isEmpty()) {
            appendHeader(s, "Host", S3Signer.hostHeader(request));
        }
        request.forEachHeader((name, values) -> {
            for (String v : values) {
                appendHeader(s, name, v);
            }
        });
        if (signature != null) {
            signature.forEachHeader((name, value) -> appendHeader(s, name, value));
        }
        s.append("\r\n");
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendHeader(StringBuilder s, String name, String value) {
        if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a header with a line break: " + name);
        }
        s.append(name).append(": ").append(value).append("\r\n");
    }

    private Connection open(String protocol, String host, int port) throws IOException {
        boolean tls = protocol.equals("https");
        int p = port > 0 ? port : tls ? 443 : 80;
        Socket socket = new Socket();
        opened.incrementAndGet();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, p), connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            if (tls) {
                SSLSocketFactory factory = this.tls != null ? this.tls : (SSLSocketFactory) SSLSocketFactory.getDefault();
                SSLSocket ssl = (SSLSocket) factory.createSocket(socket, host, p, true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
                ssl.setSSLParameters(params);
                ssl.startHandshake();
                socket = ssl;
            }
            return new Connection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** One request and its answer's head on {@code c}; the body is read by the caller from the stream returned. */
    private Answer exchange(Connection c, byte[] head, String method, ConcurrentLinkedDeque<Connection> kept) throws IOException {
        int first;
        c.newHead();
        try {
            c.out.write(head);
            c.out.flush();
            first = c.in.read();
        } catch (SocketTimeoutException e) {
            throw e; // sent, and no answer in time: not a dropped connection
        } catch (IOException e) {
            throw new StaleConnectionException(e.toString()); // reset or closed by the server (TLS: an SSLException)
        }
        if (first < 0) {
            throw new StaleConnectionException("closed without an answer");
        }
        String statusLine = (char) first + c.readLine();
        // HTTP/1.x NNN reason
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new IOException("not an HTTP/1.1 answer: " + printable(statusLine));
        }
        int status = parseStatus(statusLine);
        boolean keepAlive = statusLine.startsWith("HTTP/1.1");
        String statusText = statusLine.length() > 13 ? statusLine.substring(13) : null;
        List<String> headers = new ArrayList<>(24);
        long length = -1;
        boolean chunked = false;
        for (String line = c.readLine(); !line.isEmpty(); line = c.readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("a malformed header line in the answer: " + printable(line));
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            headers.add(name);
            headers.add(value);
            if (name.equalsIgnoreCase("Content-Length")) {
                try {
                    length = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IOException("a malformed Content-Length in the answer: " + printable(value));
                }
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                keepAlive &= !value.toLowerCase(Locale.ROOT).contains("close");
            }
        }
        if (status / 100 == 1) {
            throw new IOException("an interim answer (" + status + ") to a request that asked for none");
        }
        Body body;
        if (method.equals("HEAD") || status == 204 || status == 304) {
            body = new Body(c, kept, keepAlive, 0, false);
        } else if (chunked) {
            body = new Body(c, kept, keepAlive, -1, true);
        } else if (length >= 0) {
            body = new Body(c, kept, keepAlive, length, false);
        } else {
            body = new Body(c, kept, false, Long.MAX_VALUE, false); // until the server closes: not reusable
        }
        return new Answer(status, statusText, headers, AbortableInputStream.create(body, body::abort));
    }

    private static int parseStatus(String statusLine) throws IOException {
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char d = statusLine.charAt(i);
            if (d < '0' || d > '9') {
                throw new IOException("a malformed status line: " + printable(statusLine));
            }
            status = status * 10 + (d - '0');
        }
        return status;
    }

    /** Server text in a message: printable ASCII only, cut short. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 120; i++) {
            char ch = s.charAt(i);
            b.append(ch >= 0x20 && ch < 0x7f ? ch : '?');
        }
        return b.toString();
    }

    /** No answer at all on a kept connection: the server closed it while it was idle. */
    private static final class StaleConnectionException extends IOException {
        StaleConnectionException(String message) {
            super(message);
        }
    }

    /** A socket with its buffered input (the answer's head and body are read from the same buffer) and output. */
    private static final class Connection {
        private final Socket socket;
        private final BufferedInputStream in;
        private final OutputStream out;
        private long idleSince;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), BUFFER);
            this.out = socket.getOutputStream();
        }

        /** Bytes of the head being read (its lines together are held to {@link #HEAD_LIMIT}). */
        private int headBytes;

        /** Starts counting a new head's bytes. */
        void newHead() {
            headBytes = 0;
        }

        /** A header line less its CRLF (a bare LF is taken too), ISO-8859-1 as HTTP's heads are. */
        String readLine() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("the answer's head was cut short");
                }
                if (++headBytes > HEAD_LIMIT) {
                    throw new IOException("an answer's head longer than " + HEAD_LIMIT + " bytes");
                }
                line.append((char) b);
            }
            int n = line.length();
            return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
        }

        long idleFor() {
            return System.nanoTime() - idleSince;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // dropped either way
            }
        }
    }

    /**
     * An answer's body: {@code remaining} bytes, or chunks. Read to its end, its connection goes back
     * to the pool (when the answer allows it); closed before its end or aborted, the connection is closed.
     */
    private final class Body extends InputStream {
        private final Connection c;
        private final ConcurrentLinkedDeque<Connection> kept;
        private final boolean keepAlive;
        private final boolean chunked;
        /** Bytes left: of the body, or of the current chunk when chunked (-1: the next chunk's size is to be read). */
        private long remaining;
        private boolean ended;
        private boolean closed;

        Body(Connection c, ConcurrentLinkedDeque<Connection> kept, boolean keepAlive, long length, boolean chunked) {
            this.c = c;
            this.kept = kept;
            this.keepAlive = keepAlive;
            this.chunked = chunked;
            this.remaining = length;
            if (length == 0) {
                end();
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("the body was closed");
            }
            if (ended) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            if (chunked && remaining <= 0 && !nextChunk()) {
                return -1;
            }
            int n = c.in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                if (remaining == Long.MAX_VALUE) { // delimited by the connection's end
                    end();
                    return -1;
                }
                throw new EOFException("the answer's body ended " + remaining + " bytes short");
            }
            if (remaining != Long.MAX_VALUE) {
                remaining -= n;
            }
            if (remaining == 0 && !chunked) {
                end();
            }
            return n;
        }

        /** Reads the next chunk's size (after the CRLF ending the last one); false at the last chunk, trailers read. */
        private boolean nextChunk() throws IOException {
            if (remaining == 0) {
                expectLineEnd();
            }
            c.newHead();
            String line = c.readLine();
            int ext = line.indexOf(';');
            String size = (ext < 0 ? line : line.substring(0, ext)).trim();
            try {
                remaining = Long.parseLong(size, 16);
            } catch (NumberFormatException e) {
                throw new IOException("a malformed chunk size: " + printable(line));
            }
            if (remaining < 0) {
                throw new IOException("a malformed chunk size: " + printable(line));
            }
            if (remaining == 0) {
                for (String trailer = c.readLine(); !trailer.isEmpty(); trailer = c.readLine()) {
                    // trailers: none that S3 sends matter here
                }
                end();
                return false;
            }
            return true;
        }

        private void expectLineEnd() throws IOException {
            if (!c.readLine().isEmpty()) {
                throw new IOException("a chunk longer than its size");
            }
        }

        private void end() {
            ended = true;
        }

        @Override
        public int available() throws IOException {
            return ended || closed ? 0 : (int) Math.min(c.in.available(), Math.max(0, remaining));
        }

        /** Read to its end: the connection is kept; otherwise it is closed (the rest is not drained). */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (ended && keepAlive && kept.size() < AwsSettings.IDLE_CONNECTIONS_PER_HOST) {
                c.idleSince = System.nanoTime();
                kept.offerFirst(c);
                // the least recently used one, unused too long, is closed now rather than held until it is reached
                Connection oldest = kept.pollLast();
                if (oldest != null && oldest.idleFor() > idleNanos) {
                    oldest.close();
                } else if (oldest != null) {
                    kept.offerLast(oldest);
                }
            } else {
                c.close();
            }
        }

        void abort() {
            ended = false;
            close();
        }
    }
}
