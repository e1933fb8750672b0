package io.trailhound.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * Why a stretch of input did not parse, in this project's terms: the quarantine reason and a
 * one-line detail. A JSON limit names itself and the option that raises it; invalid UTF-8 that
 * Jackson itself rejects gets the same reason as the invalid UTF-8 the reader finds.
 */
record BadJson(QuarantineReason reason, String detail) {

    static BadJson of(JsonProcessingException e, ReadLimits limits) {
        String m = firstLine(e.getOriginalMessage());
        if (e instanceof StreamConstraintsException) {
            return limit(m, limits);
        }
        if (m.startsWith("Invalid UTF-8")) {
            return new BadJson(QuarantineReason.INVALID_UTF8, m);
        }
        return new BadJson(QuarantineReason.INVALID_JSON, m);
    }

    // Jackson's messages name the StreamReadConstraints getter of the limit that was passed.
    private static BadJson limit(String m, ReadLimits limits) {
        if (m.contains("getMaxNestingDepth")) {
            return new BadJson(QuarantineReason.JSON_LIMIT, "nested deeper than the limit of " + limits.maxNestingDepth()
                    + " levels from the top of the input (--max-nesting-depth)");
        }
        if (m.contains("getMaxNumberLength")) {
            return new BadJson(QuarantineReason.JSON_LIMIT, "a number longer than the limit of "
                    + limits.maxNumberLength() + " characters (--max-number-length)");
        }
        if (m.contains("getMaxNameLength")) {
            return new BadJson(QuarantineReason.JSON_LIMIT, "a key longer than the limit of " + limits.maxKeyLength()
                    + " characters (--max-key-length)");
        }
        if (m.contains("getMaxStringLength")) {
            return new BadJson(QuarantineReason.RECORD_TOO_LARGE, "a string longer than the record size limit of "
                    + limits.maxRecordBytes() + " bytes (--max-record-size)");
        }
        return new BadJson(QuarantineReason.JSON_LIMIT, m);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "invalid JSON";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
