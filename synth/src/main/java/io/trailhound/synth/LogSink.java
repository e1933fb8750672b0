package io.trailhound.synth;

import java.io.Closeable;
import java.io.IOException;

/**
 * Where serialised records go. Events are produced five-minute window by window, in time order;
 * a sink may keep files open for the current window only, so memory stays bounded.
 */
interface LogSink extends Closeable {
    void beginWindow(long windowStartMillis) throws IOException;

    /** One serialised record for {@code account} / {@code region}, {@code len} bytes of {@code record}. */
    void write(Account account, AwsRegion region, byte[] record, int len) throws IOException;

    void endWindow() throws IOException;

    int files();

    long bytes();
}
