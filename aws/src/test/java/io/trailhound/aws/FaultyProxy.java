package io.trailhound.aws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A TCP proxy on loopback in front of a local server, for faults the server cannot make: the
 * first {@code failures} new connections whose request line matches are answered
 * {@code 503 SlowDown} (S3's throttling reply) and closed; every other connection is passed through
 * byte for byte (so request signatures, which cover the Host header, still hold).
 */
public final class FaultyProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final Predicate<String> matches;
    private final AtomicInteger failuresLeft;
    private final AtomicInteger served503 = new AtomicInteger();

    public FaultyProxy(int targetPort, Predicate<String> requestLine, int failures) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.matches = requestLine;
        this.failuresLeft = new AtomicInteger(failures);
        Thread t = new Thread(this::accept, "faulty-proxy");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public int served503() {
        return served503.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> handle(client), "faulty-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                head.write(c);
            }
            head.write('\n');
            String line = head.toString(StandardCharsets.ISO_8859_1).trim();
            if (matches.test(line) && failuresLeft.getAndDecrement() > 0) {
                served503.incrementAndGet();
                String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
                        + "<Message>Please reduce your request rate.</Message></Error>";
                OutputStream out = client.getOutputStream();
                out.write(("HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: " + body.length()
                        + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return;
            }
            try (Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
                target.getOutputStream().write(head.toByteArray());
                Thread back = new Thread(() -> pipe(target, client), "faulty-proxy-back");
                back.setDaemon(true);
                back.start();
                pipe(client, target);
                back.join();
            }
        } catch (IOException | InterruptedException e) {
            // a connection closed by either side ends its pipe
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
