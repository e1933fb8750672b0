package io.trailhound.aws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A TCP proxy on loopback in front of a local server, for faults the server cannot make: the
 * first {@code failures} new connections whose request line matches are answered
 * {@code 503 SlowDown} (S3's throttling reply) and closed, or (with {@link #cutAfter}) have their
 * response cut by a connection reset after a number of bytes; every other connection is passed
 * through byte for byte (so request signatures, which cover the Host header, still hold). The head
 * of each connection's first request is kept ({@link #requests}): what the client sent.
 */
public final class FaultyProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final Predicate<String> matches;
    private final AtomicInteger failuresLeft;
    private final AtomicInteger served503 = new AtomicInteger();
    private final AtomicInteger cut = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile long cutAfterBytes = -1;

    public FaultyProxy(int targetPort, Predicate<String> requestLine, int failures) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.matches = requestLine;
        this.failuresLeft = new AtomicInteger(failures);
        Thread t = new Thread(this::accept, "faulty-proxy");
        t.setDaemon(true);
        t.start();
    }

    /** The failures become lost connections: the response is passed on for {@code bytes} bytes, then reset. */
    public FaultyProxy cutAfter(long bytes) {
        this.cutAfterBytes = bytes;
        return this;
    }

    public int port() {
        return server.getLocalPort();
    }

    public int served503() {
        return served503.get();
    }

    public int cut() {
        return cut.get();
    }

    /** The head (request line and headers) of the first request of every connection, in arrival order. */
    public List<String> requests() {
        return List.copyOf(requests);
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
            byte[] head = readHead(client.getInputStream());
            String text = new String(head, StandardCharsets.ISO_8859_1);
            requests.add(text.trim());
            String line = text.substring(0, Math.max(0, text.indexOf('\n'))).trim();
            boolean fail = matches.test(line) && failuresLeft.getAndDecrement() > 0;
            if (fail && cutAfterBytes < 0) {
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
                target.getOutputStream().write(head);
                Thread back = new Thread(() -> {
                    if (fail) {
                        cut.incrementAndGet();
                        pipeThenReset(target, client, cutAfterBytes);
                    } else {
                        pipe(target, client);
                    }
                }, "faulty-proxy-back");
                back.setDaemon(true);
                back.start();
                pipe(client, target);
                back.join();
            }
        } catch (IOException | InterruptedException e) {
            // a connection closed by either side ends its pipe
        }
    }

    /** The request line and headers, through the blank line that ends them. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        int newlines = 0;
        while (newlines < 2 && (c = in.read()) >= 0) {
            head.write(c);
            if (c == '\n') {
                newlines++;
            } else if (c != '\r') {
                newlines = 0;
            }
        }
        return head.toByteArray();
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // closed
        }
    }

    /** Passes {@code limit} bytes on, then resets both connections, as a network failure mid-response does. */
    private static void pipeThenReset(Socket from, Socket to, long limit) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[8192];
            long left = limit;
            int n;
            while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                out.write(buf, 0, n);
                left -= n;
            }
            out.flush();
            Thread.sleep(200); // the client reads what came before the connection is lost (a reset drops unread bytes)
            to.setSoLinger(true, 0);
            to.close();
            from.setSoLinger(true, 0);
            from.close();
        } catch (IOException e) {
            // closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
