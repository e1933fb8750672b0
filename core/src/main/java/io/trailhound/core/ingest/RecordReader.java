package io.trailhound.core.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.CloudTrailEventDecoder;
import io.trailhound.core.event.SourcePosition;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;

/**
 * Reads one input of any shape CloudTrail arrives in and hands each record to a
 * {@link RecordHandler}. The shape comes from the content, never the file name: gzip by its
 * magic bytes; then {@code {"Records":[...]}} (S3 delivery), a JSON array of records, or a
 * sequence of objects (JSON Lines, or a single event; EventBridge envelopes are unwrapped by the
 * decoder). Streaming throughout: memory holds one record, never the file.
 *
 * <p>Bad content never ends the read early without saying so: a syntax error is reported with
 * its position and reading resumes at the next line (JSON Lines) or at the next record start
 * (arrays); a damaged gzip stream or an inflate limit ends that input after reporting it.
 *
 * <p>A reader keeps buffers from input to input, so each thread uses its own.
 */
public final class RecordReader {
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    /** Top-level keys of a CloudTrail record, used to find the next record after a syntax error in an array. */
    private static final Set<String> RECORD_KEYS = Set.of("eventVersion", "userIdentity", "eventTime", "eventSource",
            "eventName", "awsRegion", "sourceIPAddress", "userAgent", "additionalEventData", "apiVersion", "errorCode",
            "errorMessage", "eventCategory", "eventID", "eventType", "managementEvent", "readOnly",
            "recipientAccountId", "requestID", "requestParameters", "responseElements", "serviceEventDetails",
            "sessionCredentialFromConsole", "sharedEventID", "tlsDetails", "vpcEndpointId", "insightDetails");

    private final ReadLimits limits;
    private final boolean readAhead;
    private final CloudTrailEventDecoder decoder = new CloudTrailEventDecoder();
    // Reused from input to input: one reader serves one thread.
    private final Decompressor decompressor;
    private final CapturingInputStream window;

    public RecordReader(ReadLimits limits) {
        this(limits, false);
    }

    /**
     * @param readAhead decompress on a second thread, overlapped with parsing: worth it when there
     *                  are fewer inputs than cores (one big file, stdin)
     */
    public RecordReader(ReadLimits limits, boolean readAhead) {
        this.limits = limits;
        this.readAhead = readAhead;
        this.decompressor = new Decompressor(limits);
        this.window = new CapturingInputStream(InputStream.nullInputStream(), limits.maxRecordBytes(),
                limits.quarantineContentBytes());
    }

    /** Reads the input to its end (or to damage that cannot be read past). Never throws for bad content. */
    public void read(InputSource source, RecordHandler out) {
        InputStream raw;
        try {
            raw = source.open();
        } catch (IOException e) {
            out.bad(new BadRecord(QuarantineReason.UNREADABLE, new SourcePosition(source.name(), 0, 0),
                    "cannot open: " + e.getMessage(), null, false));
            return;
        }
        try (InputStream in = raw; InputStream data = decompressed(in)) {
            window.reset(data);
            new Pass(source, window, out).run();
        } catch (Decompressor.CorruptGzipException e) {
            out.bad(new BadRecord(QuarantineReason.CORRUPT_GZIP, new SourcePosition(source.name(), 0, 0),
                    e.getMessage(), null, false));
        } catch (IOException e) {
            out.bad(new BadRecord(QuarantineReason.UNREADABLE, new SourcePosition(source.name(), 0, 0),
                    "read failed: " + e.getMessage(), null, false));
        }
    }

    private InputStream decompressed(InputStream in) throws IOException {
        InputStream data = decompressor.open(in);
        return readAhead ? new ReadAheadInputStream(data) : data;
    }

    /** The state of reading one input. */
    private final class Pass {
        private final InputSource source;
        private final CapturingInputStream cap;
        private final RecordHandler out;
        private JsonParser parser;
        private long parserBase;  // absolute offset where the current parser started
        private long lineBase;    // line number of that offset
        private long valueStart = -1;
        private long valueLine;
        private boolean inArray;  // inside a top-level array or a Records array (decides how to resume)

        Pass(InputSource source, CapturingInputStream window, RecordHandler out) {
            this.source = source;
            this.cap = window;
            this.out = out;
        }

        void run() {
            try {
                long at = 0, line = 1;
                if (cap.peek(0) == 0xEF && cap.peek(1) == 0xBB && cap.peek(2) == 0xBF) {
                    at = 3; // UTF-8 byte order mark
                }
                int c;
                while ((c = cap.peek(at)) == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    if (c == '\n') {
                        line++;
                    }
                    at++;
                }
                if (c < 0) {
                    return; // empty input: nothing to read, nothing wrong
                }
                if (c != '{' && c != '[') {
                    if (!source.fromDirectoryWalk()) {
                        bad(QuarantineReason.UNRECOGNISED_SHAPE, at, line,
                                "not JSON, JSON Lines or gzip (first byte 0x" + Integer.toHexString(c) + ")",
                                cap.available(at, 256), true);
                    } else {
                        bad(QuarantineReason.SKIPPED, at, line, "not JSON, JSON Lines or gzip", null, false);
                    }
                    return;
                }
                boolean resynced = false;
                while (at >= 0) {
                    try {
                        if (resynced) {
                            elementsOneByOne(at, line);
                        } else {
                            startParser(at, line);
                            if (c == '[') {
                                inArray = true;
                                parser.nextToken();
                                elements();
                            } else {
                                rootValues();
                            }
                        }
                        return;
                    } catch (JsonProcessingException e) {
                        long[] resume = resumeAfter(e);
                        at = resume[0];
                        line = resume[1];
                        resynced = inArray;
                    }
                }
            } catch (Decompressor.CorruptGzipException e) {
                failed(QuarantineReason.CORRUPT_GZIP, e);
            } catch (Decompressor.InflateLimitException e) {
                failed(QuarantineReason.INFLATE_LIMIT, e);
            } catch (IOException e) {
                failed(QuarantineReason.UNREADABLE, e);
            } finally {
                closeParser();
            }
        }

        private void failed(QuarantineReason reason, IOException e) {
            long at = valueStart >= 0 ? valueStart : cap.bytesBuffered();
            bad(reason, at, valueStart >= 0 ? valueLine : 0,
                    e.getMessage() + " (records before this point were read)", null, false);
        }

        private void startParser(long at, long line) throws IOException {
            closeParser();
            cap.rewind(at);
            parser = JSON.createParser(cap);
            parserBase = at;
            lineBase = line;
        }

        private void closeParser() {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException ignored) {
                    // the source is not closed by the parser; nothing to release
                }
                parser = null;
            }
        }

        private long abs(JsonLocation loc) {
            return parserBase + loc.getByteOffset();
        }

        private long line(JsonLocation loc) {
            return lineBase + loc.getLineNr() - 1;
        }

        /** A sequence of top-level values: JSON Lines, one event, or {"Records":[...]} wrappers. */
        private void rootValues() throws IOException {
            JsonToken t;
            while ((t = parser.nextToken()) != null) {
                JsonLocation loc = parser.currentTokenLocation();
                long start = abs(loc), line = line(loc);
                valueStart = start;
                valueLine = line;
                cap.beginRecord(start);
                if (t != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    finish(null, start, line);
                    continue;
                }
                String first = parser.nextFieldName();
                if ("Records".equals(first)) {
                    cap.cancelRecord();
                    valueStart = -1;
                    if (parser.nextToken() == JsonToken.START_ARRAY) {
                        inArray = true;
                        elements();
                        inArray = false;
                    } else {
                        bad(QuarantineReason.UNRECOGNISED_SHAPE, start, line, "\"Records\" is not an array", null, false);
                        parser.skipChildren();
                    }
                    for (String n = parser.nextFieldName(); n != null; n = parser.nextFieldName()) {
                        parser.nextToken();
                        parser.skipChildren();
                    }
                } else {
                    finish(decoder.decode(parser, first), start, line);
                }
            }
        }

        /** The elements of an array whose START_ARRAY the parser is on. */
        private void elements() throws IOException {
            JsonToken t;
            while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new com.fasterxml.jackson.core.JsonParseException(parser, "unexpected end of input inside an array");
                }
                element(t);
            }
        }

        private void element(JsonToken t) throws IOException {
            JsonLocation loc = parser.currentTokenLocation();
            long start = abs(loc), line = line(loc);
            valueStart = start;
            valueLine = line;
            cap.beginRecord(start);
            if (t == JsonToken.START_OBJECT) {
                finish(decoder.decode(parser, null), start, line);
            } else {
                parser.skipChildren();
                finish(null, start, line);
            }
        }

        /**
         * After a syntax error inside an array, elements are read one parser each: the separators
         * between them are not valid at the top level of a fresh parser, so they are stepped over here.
         */
        private void elementsOneByOne(long at, long line) throws IOException {
            while (true) {
                startParser(at, line);
                JsonToken t = parser.nextToken();
                if (t == null) {
                    return;
                }
                element(t);
                JsonLocation end = parser.currentLocation();
                at = abs(end);
                line = line(end);
                closeParser();
                int c;
                boolean comma = false;
                while (true) {
                    c = cap.peek(at);
                    if (c == '\n') {
                        line++;
                    } else if (c == ',' && !comma) {
                        comma = true;
                    } else if (c != ' ' && c != '\t' && c != '\r') {
                        break;
                    }
                    at++;
                }
                if (c < 0 || c == ']') {
                    return; // end of the array; what follows closes the wrapper
                }
                if (!comma) {
                    valueStart = at;
                    valueLine = line;
                    startParser(at, line);
                    throw new com.fasterxml.jackson.core.JsonParseException(parser, "expected ',' or ']' between records");
                }
            }
        }

        /** Reports the syntax error and returns {offset, line} to resume at, or {-1, 0} when nothing follows. */
        private long[] resumeAfter(JsonProcessingException e) throws IOException {
            long start, line;
            if (valueStart >= 0) {
                start = valueStart;
                line = valueLine;
            } else {
                JsonLocation loc = e.getLocation();
                start = loc != null && loc.getByteOffset() >= 0 ? abs(loc) : cap.windowStart();
                line = loc != null ? line(loc) : 0;
            }
            start = Math.max(start, cap.windowStart());
            byte[] content = cap.available(start, limits.quarantineContentBytes());
            cap.cancelRecord();
            valueStart = -1;
            closeParser();
            long[] resume = inArray ? nextRecordStart(start + 1, line) : nextLine(start, line);
            long end = resume[0] >= 0 ? resume[0] : cap.bytesBuffered();
            boolean truncated = end - start > content.length;
            if (!truncated && end - start < content.length) {
                content = Arrays.copyOf(content, (int) (end - start));
            }
            String msg = e.getOriginalMessage();
            JsonLocation errAt = e.getLocation();
            String where = errAt != null && errAt.getByteOffset() >= 0 && parserBase >= 0
                    ? " (error at byte " + (parserBase + errAt.getByteOffset()) + ")" : "";
            bad(QuarantineReason.INVALID_JSON, start, line, firstLine(msg) + where
                    + (resume[0] >= 0 ? "; resumed at byte " + resume[0] : "; nothing readable follows"), content, truncated);
            return resume;
        }

        private long[] nextLine(long from, long line) throws IOException {
            for (long at = from; ; at++) {
                int c = cap.peek(at);
                if (c < 0) {
                    return new long[] {-1, 0};
                }
                if (c == '\n') {
                    return new long[] {at + 1, line + 1};
                }
            }
        }

        /** The next '{' that opens an object whose first key is a CloudTrail record key. */
        private long[] nextRecordStart(long from, long line) throws IOException {
            for (long at = Math.max(from, cap.windowStart()); ; at++) {
                int c = cap.peek(at);
                if (c < 0) {
                    return new long[] {-1, 0};
                }
                if (c == '\n') {
                    line++;
                } else if (c == '{' && opensRecord(at)) {
                    return new long[] {at, line};
                }
            }
        }

        private boolean opensRecord(long brace) throws IOException {
            long at = brace + 1;
            int c;
            while ((c = cap.peek(at)) == ' ' || c == '\t' || c == '\r' || c == '\n') {
                at++;
            }
            if (c != '"') {
                return false;
            }
            StringBuilder key = new StringBuilder();
            for (at++; key.length() < 40; at++) {
                c = cap.peek(at);
                if (c < 0) {
                    return false;
                }
                if (c == '"') {
                    return RECORD_KEYS.contains(key.toString());
                }
                key.append((char) c);
            }
            return false;
        }

        private void finish(CloudTrailEvent event, long start, long line) throws IOException {
            long end = abs(parser.currentLocation());
            byte[] raw = cap.endRecord(start, end);
            valueStart = -1;
            if (raw == null) {
                bad(QuarantineReason.RECORD_TOO_LARGE, start, line, "record of " + (end - start)
                        + " bytes is over the limit of " + limits.maxRecordBytes() + " bytes", cap.overflowPrefix(), true);
                return;
            }
            if (event == null) {
                bad(QuarantineReason.NOT_AN_OBJECT, start, line, "a record must be a JSON object", raw, false);
                return;
            }
            SourcePosition pos = new SourcePosition(source.name(), start, line);
            if (event.eventTimeText() == null) {
                bad(QuarantineReason.MISSING_EVENT_TIME, pos, "record has no eventTime", raw);
            } else if (event.eventTimeMillis() == Long.MIN_VALUE) {
                bad(QuarantineReason.BAD_EVENT_TIME, pos, "eventTime is not an ISO 8601 instant", raw);
            } else if (event.eventName() == null) {
                bad(QuarantineReason.MISSING_EVENT_NAME, pos, "record has no eventName", raw);
            } else {
                out.event(CloudTrailEventDecoder.attach(event, raw, pos));
            }
        }

        private void bad(QuarantineReason reason, SourcePosition pos, String detail, byte[] raw) {
            boolean truncated = raw.length > limits.quarantineContentBytes();
            out.bad(new BadRecord(reason, pos, detail,
                    truncated ? Arrays.copyOf(raw, limits.quarantineContentBytes()) : raw, truncated));
        }

        private void bad(QuarantineReason reason, long at, long line, String detail, byte[] content, boolean truncated) {
            out.bad(new BadRecord(reason, new SourcePosition(source.name(), at, line), detail, content, truncated));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid JSON";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
