package io.trailhound.core.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.IdentityCodec;
import io.trailhound.core.rules.ir.RowQuery;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Held candidates read back as they were written, whatever repeats between them: each field's
 * last word is remembered, so a text that comes back in another field, or an equal text in a new
 * string, or one that differs from the last only after a shared prefix must not take the wrong number.
 */
class CandidateStoreTest {
    /** Rows as strings in UTF-8, as the ES|QL row codec writes them. */
    private static final RowQuery ROWS = new Utf8Rows();

    private static class Utf8Rows implements RowQuery {
        @Override
        public Object rows(CloudTrailEvent event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean windowed() {
            return true;
        }

        @Override
        public boolean readsNow() {
            return false;
        }

        @Override
        public Map<String, String> columns(Object rows) {
            return Map.of();
        }

        @Override
        public List<Result> run(List<Object> inputs, long nowMillis) {
            return List.of();
        }

        @Override
        public void writeRows(Object rows, DataOutput out) throws IOException {
            Object[] row = (Object[]) rows;
            out.writeInt(row.length);
            for (Object v : row) {
                IdentityCodec.str(out, (String) v);
            }
        }

        @Override
        public Object readRows(DataInput in) throws IOException {
            Object[] row = new Object[in.readInt()];
            for (int i = 0; i < row.length; i++) {
                row[i] = IdentityCodec.str(in);
            }
            return row;
        }
    }

    private static AlertEvent event(int i, String source, String name, String account, String arn, String file,
                                    String key) {
        return new AlertEvent(1_000L * i, "2024-01-01T00:00:0" + (i % 10) + "Z", "id-" + i, source, name, "us-east-1",
                account, "10.0.0." + i, "AssumedRole", arn, file, 100L * i, key);
    }

    @Test
    void eventsComeBackAsWrittenWhenFieldsRepeatChangeAndSwap() {
        String arnA = "arn:aws:sts::111111111111:assumed-role/Deploy/session-a";
        String arnB = "arn:aws:sts::111111111111:assumed-role/Deploy/session-b"; // same length, last char differs
        String fileA = "AWSLogs/111111111111/CloudTrail/us-east-1/2024/01/01/a.json.gz";
        List<AlertEvent> written = new ArrayList<>();
        written.add(event(0, "iam.amazonaws.com", "CreateUser", "111111111111", arnA, fileA, "ASIA0"));
        // Equal texts in new strings (as the decoder gives them), then one field changes at a time.
        written.add(event(1, new String("iam.amazonaws.com"), "CreateUser", "111111111111", new String(arnA), fileA, "ASIA0"));
        written.add(event(2, "iam.amazonaws.com", "CreateUser", "111111111111", arnB, fileA, "ASIA0"));
        written.add(event(3, "iam.amazonaws.com", "CreateUser", "111111111111", arnA, fileA, "ASIA1"));
        // A text of one field shows up in another (account in the key's place), and fields go missing.
        written.add(event(4, "sts.amazonaws.com", "111111111111", "222222222222", null, fileA, "111111111111"));
        written.add(event(5, "iam.amazonaws.com", "CreateUser", "111111111111", arnB, null, null));
        written.add(event(6, "iam.amazonaws.com", "CreateUser", "111111111111", arnA, fileA, "ASIA0"));
        // Past the longest remembered word: written as it is each time, never by number.
        String longArn = arnA + "/" + "x".repeat(300);
        written.add(event(7, "iam.amazonaws.com", "CreateUser", "111111111111", longArn, fileA, "ASIA0"));
        written.add(event(8, "iam.amazonaws.com", "CreateUser", "111111111111", arnA, fileA, "ASIA0"));
        written.add(event(9, "iam.amazonaws.com", "CreateUser", "111111111111", new String(longArn), fileA, "ASIA0"));

        try (CandidateStore store = new CandidateStore(1 << 20)) {
            long[] at = new long[written.size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = store.write(written.get(i), ROWS, new Object[] {"row-" + i});
            }
            for (int i = at.length - 1; i >= 0; i--) { // read back out of order
                assertThat(store.event(at[i])).isEqualTo(written.get(i));
                assertThat((Object[]) store.rows(at[i], ROWS)).containsExactly("row-" + i);
            }
        }
    }

    @Test
    void rowsComeBackAsTheyWereWithOrWithoutQuestionMarksAndSurrogates() {
        String lone = "user\uD83D"; // a lone high surrogate: UTF-8 would give '?' back
        List<Object[]> written = List.of(
                new Object[] {"plain", "text"},
                new Object[] {"what?", "a?b"}, // '?' in a text that UTF-8 gives back
                new Object[] {"x".repeat(63), "y"}, // a length of 63 is a '?' byte
                new Object[] {lone, "ok"},
                new Object[] {"ok?", lone}, // a '?' before the lone surrogate
                new Object[] {"\uDC00"}, // a lone low surrogate alone
                new Object[] {"pair \uD83D\uDE00"}, // a valid pair
                new Object[] {"after", "all"});
        AlertEvent e = event(0, "iam.amazonaws.com", "CreateUser", "111111111111", null, null, null);
        try (CandidateStore store = new CandidateStore(1 << 20)) {
            long[] at = new long[written.size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = store.write(new AlertEvent(i, e.time(), "id-" + i, e.eventSource(), e.eventName(), e.awsRegion(),
                        e.recipientAccountId(), null, null, null, null, i, null), ROWS, written.get(i));
            }
            for (int i = 0; i < at.length; i++) {
                assertThat((Object[]) store.rows(at[i], ROWS)).containsExactly(written.get(i));
                assertThat(store.event(at[i]).eventID()).isEqualTo("id-" + i);
            }
        }
    }

    /** Rows written as characters, exactly: the store may take their bytes as made in a reading thread. */
    private static final RowQuery EXACT_ROWS = new ForwardingExact();

    private static final class ForwardingExact extends Utf8Rows {
        @Override
        public void writeRows(Object rows, DataOutput out) throws IOException {
            Object[] row = (Object[]) rows;
            out.writeInt(row.length);
            for (Object v : row) {
                out.writeInt(((String) v).length());
                out.writeChars((String) v);
            }
        }

        @Override
        public Object readRows(DataInput in) throws IOException {
            Object[] row = new Object[in.readInt()];
            for (int i = 0; i < row.length; i++) {
                char[] c = new char[in.readInt()];
                for (int k = 0; k < c.length; k++) {
                    c[k] = in.readChar();
                }
                row[i] = new String(c);
            }
            return row;
        }

        @Override
        public boolean writesRowsExactly() {
            return true;
        }
    }

    /**
     * Candidates whose bytes a reading thread made ({@link CandidateBytes#prepare}) and candidates the
     * store writes itself read back alike, as written: event fields with lone surrogates, a '?',
     * non-ASCII and nulls, files that repeat, change and come back, and two rules' candidates of one
     * event sharing its bytes.
     */
    @Test
    void preparedAndUnpreparedCandidatesComeBackAsWritten() {
        String fileA = "AWSLogs/111111111111/CloudTrail/us-east-1/2024/01/01/a.json.gz";
        String fileB = "AWSLogs/111111111111/CloudTrail/us-east-1/2024/01/01/b.json.gz";
        List<AlertEvent> events = List.of(
                event(0, "iam.amazonaws.com", "CreateUser", "111111111111", "arn:aws:iam::1:user/x\uD800y", fileA, "ASIA0"),
                event(1, "iam.amazonaws.com", "Create?User", "111111111111", "arn:aws:iam::1:user/é", fileA, null),
                event(2, null, "\uDC00", null, null, fileB, "ASIA1"),
                event(3, "iam.amazonaws.com", "CreateUser", "111111111111", "arn:aws:iam::1:user/a", new String(fileA), "?"),
                event(4, "iam.amazonaws.com", "CreateUser", "111111111111", "arn:aws:iam::1:user/a", null, "ASIA0"));
        RowQuery other = new ForwardingExact(); // a second rule's query over the same events
        try (CandidateStore store = new CandidateStore(1 << 20)) {
            List<long[]> at = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                AlertEvent e = events.get(i);
                Object[] row = {"row-" + i, "x\uD800y?"};
                Object[] otherRow = {"other-" + i};
                boolean prepared = i % 2 == 0;
                byte[] eventBytes = CandidateBytes.event(e);
                at.add(new long[] {
                        prepared ? store.write(e, EXACT_ROWS, row, CandidateBytes.prepare(eventBytes, EXACT_ROWS, row))
                                : store.write(e, EXACT_ROWS, row),
                        prepared ? store.write(e, other, otherRow, CandidateBytes.prepare(eventBytes, other, otherRow))
                                : store.write(e, other, otherRow)});
            }
            for (int i = events.size() - 1; i >= 0; i--) { // read back out of order
                for (long p : at.get(i)) {
                    assertThat(store.event(p)).as("event %d", i).isEqualTo(events.get(i));
                }
                assertThat((Object[]) store.rows(at.get(i)[0], EXACT_ROWS)).containsExactly("row-" + i, "x\uD800y?");
                assertThat((Object[]) store.rows(at.get(i)[1], other)).containsExactly("other-" + i);
            }
        }
    }
}
