package io.trailhound.core.alert;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Alerts and attribution updates as NDJSON on a {@link PrintStream}, one line each, with the
 * characters {@code out.println(AlertJson.line(a))} prints: written by one {@link AlertWriter}
 * into one reusable line, and an ASCII line (nearly all: log fields escape their controls) handed
 * on as its bytes, which are the same in every ASCII-based charset; a line with other characters
 * goes through {@code out.println}, in the stream's own charset. Lines are buffered and handed on
 * when {@value #BUFFER} bytes are waiting, at most {@value #FLUSH_MILLIS} ms after the one before,
 * and on {@link #flush} (a host calls it at the end of each input and of the run), instead of
 * one write to the stream per alert. Consumer thread only.
 */
public final class AlertLines implements AlertSink {
    static final int BUFFER = 1 << 16;
    static final long FLUSH_MILLIS = 1000;
    /** Whether ASCII characters are their own bytes in the platform's charset (a PrintStream's default). */
    private static final boolean ASCII_BYTES = asciiBytes(Charset.defaultCharset());

    private final PrintStream out;
    private final AlertWriter writer = new AlertWriter();
    private final JsonLine line = new JsonLine();
    private final byte[] newline = System.lineSeparator().getBytes(StandardCharsets.US_ASCII);
    private byte[] buffer = new byte[BUFFER + 4096];
    private int buffered;
    private long lastFlush = System.nanoTime();
    private long lines;

    public AlertLines(PrintStream out) {
        this.out = out;
    }

    @Override
    public void alert(Alert a) {
        writer.write(a, line);
        emit();
    }

    @Override
    public void update(AlertUpdate u) {
        writer.write(u, line);
        emit();
    }

    /** Lines written so far. */
    public long lines() {
        return lines;
    }

    /** Hands every buffered line to the stream and flushes it. */
    public void flush() {
        if (buffered > 0) {
            out.write(buffer, 0, buffered);
            buffered = 0;
        }
        out.flush();
        lastFlush = System.nanoTime();
    }

    private void emit() {
        lines++;
        if (!ASCII_BYTES || !line.ascii()) {
            flush(); // keeps the order of lines
            out.println(line.toString());
            return;
        }
        int n = line.length() + newline.length;
        if (buffered + n > buffer.length) {
            flush();
            if (n > buffer.length) {
                buffer = new byte[n];
            }
        }
        line.copyAscii(buffer, buffered);
        System.arraycopy(newline, 0, buffer, buffered + line.length(), newline.length);
        buffered += n;
        if (buffered >= BUFFER || System.nanoTime() - lastFlush >= FLUSH_MILLIS * 1_000_000L) {
            flush();
        }
    }

    private static boolean asciiBytes(Charset c) {
        byte[] probe = new byte[128];
        for (int i = 0; i < probe.length; i++) {
            probe[i] = (byte) i;
        }
        return Arrays.equals(new String(probe, StandardCharsets.US_ASCII).getBytes(c), probe);
    }
}
