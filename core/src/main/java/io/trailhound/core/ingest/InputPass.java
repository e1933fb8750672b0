package io.trailhound.core.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.CloudTrailEventDecoder;
import io.trailhound.core.event.SourcePosition;
import io.trailhound.core.ingest.Decompressor.CorruptGzipException;
import io.trailhound.core.ingest.Decompressor.InflateLimitException;
import io.trailhound.core.ingest.Resync.Mode;
import io.trailhound.core.ingest.Resync.Resume;
import java.io.IOException;
import java.util.Arrays;

/**
 * The state of reading one input. Reading goes step by step: parse top-level values, or the
 * elements of an array one by one after a syntax error, or search for where to resume; each bad
 * stretch is reported once, with its position, and every step starts further on than the one
 * before, so a read always ends.
 */
final class InputPass {
    private final InputSource source;
    private final CapturingInputStream cap;
    private final InflatedInput data;
    private final JsonFactory json;
    private final CloudTrailEventDecoder decoder;
    private final ReadLimits limits;
    private final RecordHandler out;
    private final HeldRecords held;
    private Resync resync;
    private JsonParser parser;
    private long parserBase;  // absolute offset where the current parser started
    private long lineBase;    // line number of that offset
    private long valueStart = -1; // the record being read, for error reports
    private long valueLine;
    private long lastEnd;     // end of the last complete value: trouble after it starts past here
    private long lastEndLine = 1;
    private boolean inArray;  // inside a top-level array or a Records array (decides how to resume)
    private boolean inWrapper; // that array is the Records of an S3 log file's wrapper

    InputPass(InputSource source, CapturingInputStream cap, InflatedInput data, JsonFactory json,
              CloudTrailEventDecoder decoder, ReadLimits limits, RecordHandler out) {
        this.source = source;
        this.cap = cap;
        this.data = data;
        this.json = json;
        this.decoder = decoder;
        this.limits = limits;
        this.out = out;
        this.held = new HeldRecords(limits.memberHoldBytes(), limits.quarantineContentBytes());
        this.resync = new Resync(cap, 0);
    }

    /** What to do next: start, go on from a place, or report a syntax error and recover from it. */
    private record Step(Resume resume, JsonProcessingException error) {
        static final Step START = new Step(null, null);

        static Step to(Resume r) {
            return r == null ? null : new Step(r, null);
        }
    }

    void run() {
        try {
            Step step = Step.START;
            while (step != null) {
                try {
                    step = step == Step.START ? Step.to(start())
                            : step.error != null ? Step.to(afterSyntaxError(step.error))
                            : Step.to(parse(step.resume));
                } catch (JsonProcessingException e) {
                    step = new Step(null, e);
                } catch (CorruptGzipException e) {
                    step = Step.to(afterDamage(e));
                }
            }
        } catch (InflateLimitException e) {
            stopped(QuarantineReason.INFLATE_LIMIT, e);
        } catch (IOException e) {
            stopped(QuarantineReason.UNREADABLE, e);
        } finally {
            // The input ended, or stopped where nothing further can be read: what was held precedes that.
            held.releaseAll(out);
            closeParser();
        }
    }

    /** Looks at the first bytes: nothing, JSON, or not JSON (quarantined, or skipped in a directory walk). */
    private Resume start() throws IOException {
        long at = 0, line = 1;
        if (cap.peek(0) == 0xEF && cap.peek(1) == 0xBB && cap.peek(2) == 0xBF) {
            at = 3; // UTF-8 byte order mark
            resync = new Resync(cap, at);
        }
        long[] first = resync.firstNonBlank(at, line);
        if (first[0] < 0) {
            return null; // empty input: nothing to read, nothing wrong
        }
        at = first[0];
        line = first[1];
        int c = cap.peek(at);
        // Not JSON at first. A file named to be read may be JSON Lines whose first lines are bad: when a
        // later line holds a whole object, those lines are quarantined one by one and the rest is read.
        if (c != '{' && c != '[' && (source.fromDirectoryWalk() || !resync.laterLineHoldsObject(at, json))) {
            if (!source.fromDirectoryWalk()) {
                bad(QuarantineReason.UNRECOGNISED_SHAPE, at, line,
                        "not JSON, JSON Lines or gzip (first byte 0x" + Integer.toHexString(c) + ")",
                        cap.available(at, 256), true);
            } else {
                bad(QuarantineReason.SKIPPED, at, line, "not JSON, JSON Lines or gzip", null, false);
            }
            return null;
        }
        return new Resume(at, line, Mode.ROOT, false);
    }

    private Resume parse(Resume r) throws IOException {
        switch (r.mode()) {
            case ROOT -> {
                inArray = false;
                inWrapper = false;
                startParser(r.at(), r.line());
                rootValues();
                return null;
            }
            case ELEMENTS -> {
                inArray = true;
                inWrapper = r.wrapper();
                return elementsOneByOne(r.at(), r.line());
            }
            default -> {
                return resync.next(r.at(), r.line(), inArray, inWrapper);
            }
        }
    }

    private void startParser(long at, long line) throws IOException {
        closeParser();
        cap.rewind(at);
        parser = json.createParser(cap);
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

    private void markEnd() {
        JsonLocation end = parser.currentLocation();
        lastEnd = abs(end);
        lastEndLine = line(end);
    }

    /** A sequence of top-level values: JSON Lines, events, arrays of records, {"Records":[...]} wrappers. */
    private void rootValues() throws IOException {
        JsonToken t;
        while ((t = parser.nextToken()) != null) {
            if (t == JsonToken.START_ARRAY) {
                inArray = true;
                markEnd(); // trouble inside the array starts after its '['
                elements();
                inArray = false;
                markEnd();
            } else {
                element(t);
            }
        }
    }

    /**
     * The rest of an S3 log file's wrapper, the parser on the value of its (first) "Records" key.
     * A wrapper may also turn up where a record belongs (a log file cut short, then another): its
     * records are read all the same.
     */
    private void wrapper(long start, long line) throws IOException {
        boolean wasInArray = inArray, wasInWrapper = inWrapper;
        while (true) {
            if (parser.currentToken() == JsonToken.START_ARRAY) {
                inArray = true;
                inWrapper = true;
                markEnd();
                elements();
                inArray = wasInArray;
                inWrapper = wasInWrapper;
            } else {
                bad(QuarantineReason.UNRECOGNISED_SHAPE, start, line, "\"Records\" is not an array", null, false);
                parser.skipChildren();
            }
            // Other members are skipped; another "Records" is read too.
            String name;
            do {
                name = parser.nextFieldName();
                if (name == null) {
                    return;
                }
                parser.nextToken();
                if (!name.equals("Records")) {
                    parser.skipChildren();
                }
            } while (!name.equals("Records"));
        }
    }

    /** The elements of an array whose START_ARRAY the parser is on. */
    private void elements() throws IOException {
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new JsonParseException(parser, "unexpected end of input inside an array");
            }
            element(t);
        }
    }

    /** A value where a record belongs: a record, something else (quarantined), or a log file's wrapper. */
    private void element(JsonToken t) throws IOException {
        JsonLocation loc = parser.currentTokenLocation();
        long start = abs(loc), line = line(loc);
        valueStart = start;
        valueLine = line;
        cap.beginRecord(start);
        if (t != JsonToken.START_OBJECT) {
            parser.skipChildren();
            finish(null, start, line);
            return;
        }
        CloudTrailEvent e = decoder.decodeRoot(parser);
        if (e != null) {
            finish(e, start, line);
        } else {
            cap.cancelRecord();
            valueStart = -1;
            wrapper(start, line);
            markEnd();
        }
    }

    /**
     * After a syntax error inside an array, elements are read one parser each: the separators
     * between them are not valid at the top level of a fresh parser, so they are stepped over here.
     * Returns where to go on after the array's end, or null at the end of input.
     */
    private Resume elementsOneByOne(long at, long line) throws IOException {
        while (true) {
            startParser(at, line);
            JsonToken t = parser.nextToken();
            if (t == null) {
                return null;
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
            if (c < 0) {
                return null;
            }
            if (c == ']') {
                return afterArray(at + 1, line);
            }
            if (!comma) {
                // Reported, and resumed from here: what follows may well be the next record, its comma lost.
                throw new JsonParseException(null, "expected ',' or ']' between records at byte " + at);
            }
        }
    }

    /** After the ']' of an array read one element at a time: the wrapper's end, or more of it. */
    private Resume afterArray(long at, long line) throws IOException {
        lastEnd = at;
        lastEndLine = line;
        if (!inWrapper) {
            return new Resume(at, line, Mode.ROOT, false);
        }
        long[] next = resync.firstNonBlank(at, line);
        if (next[0] >= 0 && cap.peek(next[0]) == '}') {
            lastEnd = next[0] + 1;
            lastEndLine = next[1];
            return new Resume(next[0] + 1, next[1], Mode.ROOT, false);
        }
        // The wrapper goes on (another "Records", say): its next record is searched for.
        return new Resume(at, line, Mode.SEARCH, true);
    }

    /** Reports a syntax error (or a JSON limit) once and returns where to resume, or null when nothing follows. */
    private Resume afterSyntaxError(JsonProcessingException e) throws IOException {
        BadJson why = BadJson.of(e, limits);
        boolean inRecord = valueStart >= 0;
        long start, line;
        if (inRecord) {
            start = valueStart;
            line = valueLine;
        } else {
            // Not inside a record: the trouble begins after the last value read, never before this parser's start.
            long[] s = lastEnd >= parserBase ? resync.firstNonBlank(lastEnd, lastEndLine)
                    : resync.firstNonBlank(parserBase, lineBase);
            start = s[0] >= 0 ? s[0] : cap.bytesBuffered();
            line = s[1];
        }
        start = Math.max(start, cap.windowStart());
        JsonLocation errAt = e.getLocation();
        String where = errAt != null && errAt.getByteOffset() >= 0 && parser != null
                ? " (error at byte " + abs(errAt) + ")" : "";
        byte[] content = cap.available(start, limits.quarantineContentBytes());
        cap.cancelRecord();
        valueStart = -1;
        closeParser();
        // A record may start right where the trouble does (a lost comma); never where this parser started.
        long from = !inRecord && start > parserBase ? start : start + 1;
        Resume resume;
        try {
            resume = resync.next(from, line, inArray, inWrapper);
        } catch (CorruptGzipException damage) {
            quarantine(why, start, line, why.detail() + where + "; gzip damage follows", content, cap.bytesBuffered());
            throw damage;
        }
        quarantine(why, start, line, why.detail() + where
                + (resume != null ? "; resumed at byte " + resume.at() : "; nothing readable follows"),
                content, resume != null ? resume.at() : cap.bytesBuffered());
        return resume;
    }

    private void quarantine(BadJson why, long start, long line, String detail, byte[] content, long end) {
        boolean truncated = end - start > content.length;
        if (!truncated && end - start < content.length) {
            content = Arrays.copyOf(content, (int) Math.max(0, end - start));
        }
        bad(why.reason(), start, line, detail, content, truncated);
    }

    /**
     * Reports a damaged gzip member. Its records held back are quarantined when its data was
     * altered (the CRC-32 failed), or read when inflating stopped at the damage (what came before
     * is as written). Reading goes on with the next member's bytes.
     */
    private Resume afterDamage(CorruptGzipException e) {
        long at = cap.bytesBuffered();
        held.release(data.verifiedEnd(), out);
        String detail = e.getMessage();
        if (e.contentAltered()) {
            long passed = held.passedUnchecked();
            long kept = held.quarantineAll("record of a gzip member whose check failed (" + e.getMessage()
                    + "): its content may be altered", out);
            detail += "; its " + kept + " records held back are quarantined";
            if (passed > 0) {
                detail += ", and " + passed + " records went on unchecked before this was known (the member is larger"
                        + " than the hold-back limit of " + limits.memberHoldBytes() + " bytes)";
            }
        } else {
            held.releaseAll(out);
            detail += "; records before the damage were read";
        }
        long start = valueStart >= 0 ? Math.max(valueStart, cap.windowStart()) : at;
        long line = valueStart >= 0 ? valueLine : lastEndLine;
        byte[] content = valueStart >= 0 ? cap.available(start, limits.quarantineContentBytes()) : null;
        bad(QuarantineReason.CORRUPT_GZIP, start, line, detail, content,
                content != null && at - start > content.length);
        cap.cancelRecord();
        valueStart = -1;
        closeParser();
        return new Resume(at, line, inArray ? Mode.SEARCH : Mode.ROOT, inWrapper);
    }

    private void stopped(QuarantineReason reason, IOException e) {
        long at = valueStart >= 0 ? valueStart : cap.bytesBuffered();
        bad(reason, at, valueStart >= 0 ? valueLine : 0,
                e.getMessage() + " (records before this point were read)", null, false);
    }

    private void finish(CloudTrailEvent event, long start, long line) throws IOException {
        JsonLocation endLoc = parser.currentLocation();
        long end = abs(endLoc);
        lastEnd = end;
        lastEndLine = line(endLoc);
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
        int badByte = Utf8.firstInvalid(raw);
        if (badByte >= 0) {
            bad(QuarantineReason.INVALID_UTF8, pos, Utf8.describe(raw, badByte), raw);
        } else if (event.eventTimeText() == null) {
            bad(QuarantineReason.MISSING_EVENT_TIME, pos, "record has no eventTime", raw);
        } else if (event.eventTimeMillis() == Long.MIN_VALUE) {
            bad(QuarantineReason.BAD_EVENT_TIME, pos,
                    "eventTime is not an ISO 8601 instant from 1970-01-01 to 9999-12-31 (UTC)", raw);
        } else if (event.eventName() == null) {
            bad(QuarantineReason.MISSING_EVENT_NAME, pos, "record has no eventName", raw);
        } else {
            held.offer(CloudTrailEventDecoder.attach(event, raw, pos), data.verifiedEnd(), out);
        }
    }

    private void bad(QuarantineReason reason, SourcePosition pos, String detail, byte[] raw) {
        out.bad(BadRecord.of(reason, pos, detail, raw, limits.quarantineContentBytes()));
    }

    private void bad(QuarantineReason reason, long at, long line, String detail, byte[] content, boolean truncated) {
        out.bad(new BadRecord(reason, new SourcePosition(source.name(), at, line), detail, content, truncated));
    }
}
