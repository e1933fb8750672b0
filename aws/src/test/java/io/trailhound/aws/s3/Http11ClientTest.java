package io.trailhound.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.aws.LocalS3;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link Http11Client} against a scripted HTTP/1.1 server (what S3 may answer: lengths, chunks,
 * closes, silence) and against S3Proxy (a real S3 protocol server checking every signature).
 */
class Http11ClientTest {
    private final Http11Client http = new Http11Client(Duration.ofSeconds(5), Duration.ofSeconds(5));
    private ScriptedServer server;

    @AfterEach
    void stop() throws IOException {
        http.closeIdle();
        if (server != null) {
            server.close();
        }
    }

    private static SdkHttpRequest get(int port, String path) {
        return request(SdkHttpMethod.GET, port, path);
    }

    private static SdkHttpRequest request(SdkHttpMethod method, int port, String path) {
        return SdkHttpRequest.builder().method(method).protocol("http").host("127.0.0.1").port(port).encodedPath(path)
                .putHeader("Host", "127.0.0.1:" + port).build();
    }

    private static String body(Http11Client.Answer a) throws IOException {
        try (InputStream in = a.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aBodyReadToItsEndLeavesItsConnectionForTheNextRequest() throws Exception {
        server = new ScriptedServer((n, head) -> "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nETag: \"e" + n + "\"\r\n\r\nbody-" + n);
        for (int i = 0; i < 5; i++) {
            Http11Client.Answer a = http.send(get(server.port(), "/b/k" + i));
            assertThat(a.head().statusCode()).isEqualTo(200);
            assertThat(a.head().firstMatchingHeader("etag")).hasValue("\"e" + i + "\"");
            assertThat(body(a)).isEqualTo("body-" + i);
        }
        assertThat(http.opened()).isEqualTo(1);
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.heads()).hasSize(5).allSatisfy(h -> assertThat(h).contains("\r\nHost: 127.0.0.1:" + server.port() + "\r\n"));
        assertThat(server.heads().get(3)).startsWith("GET /b/k3 HTTP/1.1\r\n");
    }

    @Test
    void chunkedBodiesWithExtensionsAndTrailersAreJoinedAndTheConnectionKept() throws Exception {
        server = new ScriptedServer((n, head) -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n");
        assertThat(body(http.send(get(server.port(), "/a")))).isEqualTo("hello, world");
        assertThat(body(http.send(get(server.port(), "/b")))).isEqualTo("hello, world");
        assertThat(http.opened()).isEqualTo(1);
    }

    @Test
    void aHeadAnswerHasNoBodyWhateverItsContentLengthSays() throws Exception {
        server = new ScriptedServer((n, head) -> head.startsWith("HEAD")
                ? "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\nETag: \"x\"\r\n\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        Http11Client.Answer h = http.send(request(SdkHttpMethod.HEAD, server.port(), "/k"));
        assertThat(h.head().firstMatchingHeader("Content-Length")).hasValue("5000");
        assertThat(body(h)).isEmpty();
        assertThat(body(http.send(get(server.port(), "/k")))).isEqualTo("ok");
        assertThat(http.opened()).isEqualTo(1);
    }

    @Test
    void anErrorAnswerKeepsItsStatusHeadersAndBody() throws Exception {
        String doc = "<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>";
        server = new ScriptedServer((n, head) -> "HTTP/1.1 404 Not Found\r\nx-amz-bucket-region: eu-west-1\r\nContent-Length: "
                + doc.length() + "\r\n\r\n" + doc);
        Http11Client.Answer a = http.send(get(server.port(), "/k"));
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.head().statusCode()).isEqualTo(404);
        assertThat(a.head().statusText()).hasValue("Not Found");
        assertThat(a.head().firstMatchingHeader("X-Amz-Bucket-Region")).hasValue("eu-west-1");
        assertThat(body(a)).isEqualTo(doc);
    }

    @Test
    void anAnswerThatSaysCloseIsNotKept() throws Exception {
        server = new ScriptedServer((n, head) -> "HTTP/1.1 503 Slow Down\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        assertThat(http.send(get(server.port(), "/k")).head().statusCode()).isEqualTo(503);
        assertThat(http.send(get(server.port(), "/k")).head().statusCode()).isEqualTo(503);
        assertThat(http.opened()).isEqualTo(2);
        assertThat(http.idleConnections("http", "127.0.0.1", server.port())).isZero();
    }

    @Test
    void aBodyClosedBeforeItsEndClosesItsConnectionRatherThanDrainIt() throws Exception {
        server = new ScriptedServer((n, head) -> "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789");
        Http11Client.Answer a = http.send(get(server.port(), "/k"));
        assertThat(a.body().read(new byte[4])).isEqualTo(4);
        a.body().close();
        assertThat(http.idleConnections("http", "127.0.0.1", server.port())).isZero();
        Http11Client.Answer aborted = http.send(get(server.port(), "/k"));
        aborted.body().abort();
        assertThat(http.idleConnections("http", "127.0.0.1", server.port())).isZero();
        assertThat(body(http.send(get(server.port(), "/k")))).isEqualTo("0123456789");
        assertThat(http.opened()).isEqualTo(3);
    }

    @Test
    void aKeptConnectionTheServerClosedIsReplacedWithoutTheCallerSeeingIt() throws Exception {
        // every connection answers one request, then the server closes it (as an idle timeout would)
        server = new ScriptedServer((n, head) -> "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n" + n).oneAnswerPerConnection();
        assertThat(body(http.send(get(server.port(), "/k")))).isEqualTo("0");
        server.awaitClosed(1);
        assertThat(body(http.send(get(server.port(), "/k")))).isEqualTo("1");
        assertThat(http.opened()).isEqualTo(2);
    }

    @Test
    void aConnectionUnusedForTooLongIsClosedNotReused() throws Exception {
        server = new ScriptedServer((n, head) -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        Http11Client brief = new Http11Client(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(200), null);
        // two connections kept: one used again at once, the other left idle
        Http11Client.Answer first = brief.send(get(server.port(), "/a"));
        Http11Client.Answer second = brief.send(get(server.port(), "/b"));
        body(first);
        body(second);
        assertThat(brief.idleConnections("http", "127.0.0.1", server.port())).isEqualTo(2);
        Thread.sleep(300);
        body(brief.send(get(server.port(), "/c"))); // the one it takes is too old: closed, and so is the other one
        assertThat(brief.opened()).isEqualTo(3);
        assertThat(brief.idleConnections("http", "127.0.0.1", server.port())).isEqualTo(1);
        server.awaitClosed(2);
        brief.closeIdle();
    }

    @Test
    void aConnectionLeftUnusedForTooLongIsClosedWhenAnotherIsReturned() throws Exception {
        server = new ScriptedServer((n, head) -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        Http11Client brief = new Http11Client(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(1000), null);
        Http11Client.Answer a = brief.send(get(server.port(), "/a"));
        Http11Client.Answer b = brief.send(get(server.port(), "/b"));
        body(a);
        body(b); // kept: b's connection first, a's last
        Thread.sleep(600);
        Http11Client.Answer c = brief.send(get(server.port(), "/c")); // b's connection, still fresh enough
        Thread.sleep(600);
        body(c); // returned; a's connection, unused for 1.2 s, is closed rather than kept
        assertThat(brief.opened()).isEqualTo(2);
        assertThat(brief.idleConnections("http", "127.0.0.1", server.port())).isEqualTo(1);
        server.awaitClosed(1);
        assertThat(server.closed.get()).isEqualTo(1);
        brief.closeIdle();
    }

    @Test
    void aBodyCutShortFailsTheReadInsteadOfEndingQuietly() throws Exception {
        server = new ScriptedServer((n, head) -> "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly-this").oneAnswerPerConnection();
        Http11Client.Answer a = http.send(get(server.port(), "/k"));
        assertThatThrownBy(() -> a.body().readAllBytes()).isInstanceOf(EOFException.class).hasMessageContaining("short");
    }

    @Test
    void aServerThatNeverAnswersFailsAfterTheReadTimeout() throws Exception {
        server = new ScriptedServer((n, head) -> null); // reads the request, answers nothing
        Http11Client quick = new Http11Client(Duration.ofSeconds(5), Duration.ofMillis(300));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> quick.send(get(server.port(), "/k"))).isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aMalformedAnswerIsAnErrorNotAGuess() throws Exception {
        server = new ScriptedServer((n, head) -> n == 0 ? "SSH-2.0-OpenSSH\r\n\r\n" : "HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n")
                .oneAnswerPerConnection();
        assertThatThrownBy(() -> http.send(get(server.port(), "/k"))).isInstanceOf(IOException.class)
                .hasMessageContaining("not an HTTP/1.1 answer");
        assertThatThrownBy(() -> http.send(get(server.port(), "/k"))).isInstanceOf(IOException.class)
                .hasMessageContaining("Content-Length");
    }

    @Test
    void anEndlessHeadIsCutOffNotHeldInMemory() throws Exception {
        String manyHeaders = "X-Filler: " + "f".repeat(1_000) + "\r\n";
        server = new ScriptedServer((n, head) -> "HTTP/1.1 200 OK\r\n" + manyHeaders.repeat(100) + "Content-Length: 0\r\n\r\n");
        assertThatThrownBy(() -> http.send(get(server.port(), "/k"))).isInstanceOf(IOException.class)
                .hasMessageContaining("head longer than");
    }

    @Test
    void aHeaderWithALineBreakIsNeverSent() throws Exception {
        server = new ScriptedServer((n, head) -> "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        SdkHttpRequest injected = get(server.port(), "/k").toBuilder().putHeader("If-Match", "\"x\"\r\nX-Evil: 1").build();
        assertThatThrownBy(() -> http.send(injected)).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.heads()).isEmpty();
    }

    @Test
    void requestsForWhichAProxyIsConfiguredAreNotSentDirectly() {
        ProxySelector before = ProxySelector.getDefault();
        try {
            ProxySelector.setDefault(new ProxySelector() {
                @Override
                public List<Proxy> select(URI uri) {
                    return uri.getHost().equals("via-proxy.example") ? List.of(new Proxy(Proxy.Type.HTTP,
                            java.net.InetSocketAddress.createUnresolved("proxy.example", 3128))) : List.of(Proxy.NO_PROXY);
                }

                @Override
                public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                }
            });
            assertThat(Http11Client.direct(URI.create("https://via-proxy.example/b/k"))).isFalse();
            assertThat(Http11Client.direct(URI.create("https://bucket.s3.us-east-1.amazonaws.com/k"))).isTrue();
        } finally {
            ProxySelector.setDefault(before);
        }
    }

    @Test
    void aProxyTheSdksClientWouldUseKeepsRequestsOnThatClient() {
        URI s3 = URI.create("https://bucket.s3.us-east-1.amazonaws.com/k");
        org.junit.jupiter.api.Assumptions.assumeTrue(Http11Client.direct(s3), "a proxy is configured for the whole test JVM");
        String port = System.getProperty("http.proxyPort");
        try {
            // the SDK's URL-connection client reads http.proxyHost for HTTPS too; the JDK's selector does not
            System.setProperty("http.proxyHost", "proxy.example");
            System.setProperty("http.proxyPort", "3128");
            assertThat(Http11Client.direct(s3)).isFalse();
        } finally {
            System.clearProperty("http.proxyHost");
            if (port == null) {
                System.clearProperty("http.proxyPort");
            } else {
                System.setProperty("http.proxyPort", port);
            }
        }
        assertThat(Http11Client.direct(s3)).isTrue();
    }

    @Test
    void s3ProxyAcceptsTheSignedGetsAndListingsOverOneKeptConnection() throws Exception {
        try (LocalS3 s3 = new LocalS3(); S3Client client = s3.client()) {
            s3.bucket(client, "wire");
            for (int i = 0; i < 3; i++) {
                LocalS3.put(client, "wire", "AWSLogs/k" + i + ".json", ("{\"Records\":[" + i + "]}").getBytes(StandardCharsets.UTF_8));
            }
            S3Signer signer = new S3Signer("us-east-1", Clock.systemUTC());
            var keys = AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY);
            int port = s3.endpoint().getPort();
            SdkHttpRequest list = get(port, "/wire").toBuilder().removeHeader("Host").putRawQueryParameter("list-type", "2")
                    .putRawQueryParameter("prefix", "AWSLogs/").build();
            String page = body(http.send(signer.sign(list, keys)));
            assertThat(page).contains("<Key>AWSLogs/k0.json</Key>").contains("<Key>AWSLogs/k2.json</Key>");
            for (int i = 0; i < 3; i++) { // signed as a copy of the request, or with the signature's headers written after its own
                SdkHttpRequest one = get(port, "/wire/AWSLogs/k" + i + ".json").toBuilder().removeHeader("Host")
                        .putHeader("If-Match", "\"" + etag(client, "AWSLogs/k" + i + ".json") + "\"").build();
                Http11Client.Answer a = i % 2 == 0 ? http.send(signer.sign(one, keys)) : http.send(one, signer.signature(one, keys));
                assertThat(a.status()).isEqualTo(200);
                assertThat(body(a)).isEqualTo("{\"Records\":[" + i + "]}");
            }
            var session = software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY,
                    "session-token-not-a-credential");
            S3Signer.Signature printed = signer.signature(list, session);
            assertThat(printed.toString()).doesNotContain("session-token-not-a-credential").doesNotContain(printed.authorization())
                    .doesNotContain(LocalS3.SECRET_KEY);
            SdkHttpRequest changed = get(port, "/wire/AWSLogs/k0.json").toBuilder().removeHeader("Host")
                    .putHeader("If-Match", "\"0123456789abcdef0123456789abcdef\"").build();
            Http11Client.Answer refused = http.send(changed, signer.signature(changed, keys));
            assertThat(refused.status()).isEqualTo(412);
            body(refused);
            Http11Client.Answer missing = http.send(signer.sign(get(port, "/wire/AWSLogs/none.json").toBuilder()
                    .removeHeader("Host").build(), keys));
            assertThat(missing.head().statusCode()).isEqualTo(404);
            assertThat(body(missing)).contains("<Code>NoSuchKey</Code>");
            assertThat(http.opened()).isEqualTo(1);
        }
    }

    private static String etag(S3Client client, String key) {
        return S3Object.bareEtag(client.headObject(h -> h.bucket("wire").key(key)).eTag());
    }

    @Test
    void httpsChecksTheCertificateAndTheNameOfTheHost(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("localhost.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-keyalg", "EC", "-alias", "localhost", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keys.toString(), "-storepass", "changeit").redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor()).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        km.init(store, "changeit".toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(km.getKeyManagers(), null, null);
        server = new ScriptedServer(serverTls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                (n, head) -> "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nsecret" + n);
        TrustManagerFactory tm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tm.init(store);
        SSLContext trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tm.getTrustManagers(), null);
        Http11Client overTls = new Http11Client(Duration.ofSeconds(5), Duration.ofSeconds(5),
                Http11Client.IDLE_LIMIT, trusting.getSocketFactory());
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).protocol("https").port(server.port())
                .encodedPath("/k");
        try {
            assertThat(body(overTls.send(request.host("localhost").build()))).isEqualTo("secret0");
            assertThat(body(overTls.send(request.host("localhost").build()))).isEqualTo("secret1");
            assertThat(overTls.opened()).isEqualTo(1);
            // the certificate names localhost, not the address: refused, as a certificate for another host would be
            assertThatThrownBy(() -> overTls.send(request.host("127.0.0.1").build())).isInstanceOf(SSLHandshakeException.class);
            // a certificate the JDK's trust store does not hold: refused
            assertThatThrownBy(() -> http.send(request.host("localhost").build())).isInstanceOf(SSLHandshakeException.class);
        } finally {
            overTls.closeIdle();
        }
    }

    /**
     * A loopback HTTP/1.1 server answering each request head with what {@code answer} makes of its
     * number (over the server's life) and head, as raw text (null: no answer, the connection held open).
     */
    private static final class ScriptedServer implements AutoCloseable {
        private final ServerSocket socket;
        private final BiFunction<Integer, String, String> answer;
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger connections = new AtomicInteger();
        private final AtomicInteger closed = new AtomicInteger();
        private final List<String> heads = new CopyOnWriteArrayList<>();
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private volatile boolean oneAnswerPerConnection;

        ScriptedServer(BiFunction<Integer, String, String> answer) throws IOException {
            this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), answer);
        }

        ScriptedServer(ServerSocket socket, BiFunction<Integer, String, String> answer) {
            this.socket = socket;
            this.answer = answer;
            Thread t = new Thread(this::accept, "scripted-http");
            t.setDaemon(true);
            t.start();
        }

        ScriptedServer oneAnswerPerConnection() {
            oneAnswerPerConnection = true;
            return this;
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        List<String> heads() {
            return List.copyOf(heads);
        }

        void awaitClosed(int n) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (closed.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket c = socket.accept();
                    connections.incrementAndGet();
                    open.add(c);
                    Thread t = new Thread(() -> serve(c), "scripted-http-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket c) {
            try (c) {
                InputStream in = c.getInputStream();
                OutputStream out = c.getOutputStream();
                for (String head = readHead(in); head != null; head = readHead(in)) {
                    heads.add(head);
                    String a = answer.apply(requests.getAndIncrement(), head);
                    if (a == null) {
                        Thread.sleep(10_000);
                        return;
                    }
                    out.write(a.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (oneAnswerPerConnection) {
                        return;
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the client went away
            } finally {
                closed.incrementAndGet();
            }
        }

        /** A request head through its blank line; null at the connection's end. */
        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                byte[] h = head.toByteArray();
                int n = h.length;
                if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                    return new String(h, StandardCharsets.ISO_8859_1);
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
