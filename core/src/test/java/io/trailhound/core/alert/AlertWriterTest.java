package io.trailhound.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.Severity;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Confidence;
import io.trailhound.core.identity.Hop;
import io.trailhound.core.identity.Origin;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.RuleInfo;
import io.trailhound.core.rules.ir.Threat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming alert writer against the tree rendering it replaced ({@link AlertJsonBefore}): the
 * same characters for many generated alerts and updates, with log text full of what needs escaping
 * (quotes, backslashes, controls, DEL, C1, bidi controls, line separators, non-ASCII, surrogate
 * pairs and lone surrogates), absent values, every shape of rule and attribution, and times from
 * before 1970 to after year 9999; and {@link AlertLines} prints the bytes {@code println} printed.
 */
class AlertWriterTest {
    private static final String[] PIECES = {"a", "Admin", "arn:aws:sts::111122223333:assumed-role/Admin/s", "\"", "\\",
        "\n", "\r", "\t", "\b", "\f", "\u0000", "\u001f", "\u007f", "\u0085", "\u009f", "\u00a0", "é", "\u061c", "\u200e",
        "\u200f", "\u2028", "\u2029", "\u202a", "\u202e", "\u2066", "\u2069", "\u2192", "日本", "\ud83d\ude00", "\ud800",
        "\udfff", "/", "<", "&", "'", " ", "{}", "[", "%", "\u001b[31m", "0123456789"};

    private final Random rnd = new Random(33);

    @Test
    void manyAlertsAreWrittenAsTheTreeWroteThem() {
        List<RuleInfo> rules = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rules.add(rule());
        }
        List<Attribution> attributions = new ArrayList<>();
        for (int i = 0; i < 300; i++) { // more than the writer's slots: slots are taken over by others
            attributions.add(attribution());
        }
        AlertWriter writer = new AlertWriter();
        JsonLine line = new JsonLine();
        int nonAscii = 0;
        for (int i = 0; i < 20_000; i++) {
            Alert a = alert(rules.get(rnd.nextInt(rules.size())),
                    rnd.nextInt(8) == 0 ? null : attributions.get(rnd.nextInt(attributions.size())));
            String before = AlertJsonBefore.line(AlertJsonBefore.json(a));
            writer.write(a, line);
            assertThat(line.toString()).as("alert %d", i).isEqualTo(before);
            assertThat(line.ascii()).isEqualTo(before.chars().allMatch(c -> c < 128));
            nonAscii += line.ascii() ? 0 : 1;
            assertThat(AlertJson.line(a)).isEqualTo(before);
            if (i % 10 == 0) {
                assertThat(AlertJson.line(AlertJson.json(a))).isEqualTo(before);
            }
            AlertUpdate u = new AlertUpdate(a, rnd.nextBoolean() ? null : attributions.get(rnd.nextInt(attributions.size())),
                    rnd.nextBoolean());
            String updateBefore = AlertJsonBefore.line(AlertJsonBefore.update(u));
            assertThat(AlertJson.line(u)).isEqualTo(updateBefore);
            if (i % 10 == 0) {
                assertThat(AlertJson.line(AlertJson.update(u))).isEqualTo(updateBefore);
            }
        }
        assertThat(nonAscii).as("both kinds of line were tried").isBetween(1000, 19_000);
    }

    @Test
    void originTreesAreAsBefore() {
        for (int i = 0; i < 2000; i++) {
            Attribution at = attribution();
            assertThat(AlertJson.line(AlertJson.origin(at))).isEqualTo(AlertJsonBefore.line(AlertJsonBefore.origin(at)));
            String[] v = {maybe(), maybe(), maybe(), maybe(), maybe(), maybe(), maybe()};
            assertThat(AlertJson.line(AlertJson.origin(v[0], v[1], v[2], v[3], v[4], v[5], v[6])))
                    .isEqualTo(AlertJsonBefore.line(AlertJsonBefore.origin(v[0], v[1], v[2], v[3], v[4], v[5], v[6])));
        }
    }

    @Test
    void linesPrintTheBytesPrintlnPrinted() {
        RuleInfo r = rule();
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            alerts.add(alert(r, rnd.nextBoolean() ? null : attribution()));
        }
        for (Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1)) {
            ByteArrayOutputStream before = new ByteArrayOutputStream();
            PrintStream b = new PrintStream(before, true, cs);
            ByteArrayOutputStream after = new ByteArrayOutputStream();
            AlertLines lines = new AlertLines(new PrintStream(after, false, cs));
            for (Alert a : alerts) {
                b.println(AlertJsonBefore.line(AlertJsonBefore.json(a)));
                lines.alert(a);
                AlertUpdate u = new AlertUpdate(a, attribution(), true);
                b.println(AlertJsonBefore.line(AlertJsonBefore.update(u)));
                lines.update(u);
            }
            lines.flush();
            assertThat(after.toByteArray()).as(cs.name()).isEqualTo(before.toByteArray());
            assertThat(lines.lines()).isEqualTo(2L * alerts.size());
        }
    }

    @Test
    void buffersAcrossAlertsUntilFlushed() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        AlertLines lines = new AlertLines(new PrintStream(sink, false, StandardCharsets.UTF_8));
        Alert a = new Alert(rule(), "plain text", Map.of(), new AlertEvent(1_700_000_000_000L, null, "id-1", "s", "n", "r",
                "1", "ip", "AssumedRole", "arn", null, -1), null, Map.of());
        lines.alert(a);
        assertThat(sink.size()).as("one short ASCII line waits for more").isZero();
        lines.flush();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo(AlertJsonBefore.line(AlertJsonBefore.json(a))
                + System.lineSeparator());
    }

    private Alert alert(RuleInfo r, Attribution at) {
        long[] times = {Long.MIN_VALUE, 0, -1, -86_400_001L, 1_700_000_000_123L, 1_700_000_059_999L, 253_402_300_799_999L,
            253_402_300_800_000L, 4_102_444_800_000L + rnd.nextInt(1_000_000_000), rnd.nextLong() % 10_000_000_000_000L};
        long t = times[rnd.nextInt(times.length)];
        AlertEvent e = new AlertEvent(t, maybe(), maybe(), maybe(), maybe(), maybe(), maybe(), maybe(), maybe(), maybe(),
                maybe(), rnd.nextInt(3) == 0 ? -1 : rnd.nextInt(3) == 0 ? (1L << 40) + rnd.nextInt(1000) : rnd.nextInt(100_000),
                maybe());
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = rnd.nextInt(5); i > 0; i--) {
            fields.put(text(3), maybe());
        }
        Map<String, String> context = new LinkedHashMap<>();
        int n = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(4) : 0;
        for (int i = 0; i < n; i++) {
            context.put(rnd.nextBoolean() ? "group" : text(2), text(5));
        }
        return new Alert(r, rnd.nextInt(5) == 0 ? null : text(12), fields, e, at, context);
    }

    private RuleInfo rule() {
        List<String> tags = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
            tags.add(text(2));
        }
        List<Threat> threat = new ArrayList<>();
        for (int i = rnd.nextInt(3); i > 0; i--) {
            boolean sub = rnd.nextBoolean();
            threat.add(new Threat(maybe(), maybe(), maybe(), maybe(), sub ? text(2) : null, sub ? maybe() : null));
        }
        List<String> author = new ArrayList<>();
        for (int i = rnd.nextInt(3); i > 0; i--) {
            author.add(text(2));
        }
        RuleFormat format = RuleFormat.values()[rnd.nextInt(RuleFormat.values().length)];
        String[] priorities = {"WARNING", "INFO", "high", "low", "CRITICAL", null, "Notice"};
        return new RuleInfo(rnd.nextInt(4) == 0 ? null : text(3), text(4), format, "f.yaml", 1,
                priorities[rnd.nextInt(priorities.length)], rnd.nextInt(4) == 0 ? null
                : Severity.values()[rnd.nextInt(Severity.values().length)], rnd.nextBoolean() ? null : rnd.nextInt(101),
                tags, threat, author, "d", true, null, List.of(), Map.of());
    }

    private Attribution attribution() {
        Origin o = switch (rnd.nextInt(4)) {
            case 0 -> null;
            case 1 -> new Origin(maybe(), text(3), null, maybe(), maybe());
            case 2 -> new Origin(maybe(), null, maybe(), maybe(), maybe());
            default -> new Origin("IAMUser", "arn:aws:iam::1:user/" + text(1), null, null, "1");
        };
        List<Hop> chain = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
            String arn = switch (rnd.nextInt(4)) {
                case 0 -> null;
                case 1 -> "arn:aws:sts::1:assumed-role/" + text(1) + "/" + text(1);
                case 2 -> "arn:aws:sts::1:assumed-role/" + text(1);
                default -> text(2);
            };
            chain.add(new Hop(arn, "ASIA" + i, "ev" + i, "AssumeRole", 1L, "1", "key"));
        }
        return new Attribution(o, Confidence.values()[rnd.nextInt(Confidence.values().length)], maybe(), chain, List.of());
    }

    /** Text or, one time in four, null. */
    private String maybe() {
        return rnd.nextInt(4) == 0 ? null : text(4);
    }

    private String text(int pieces) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(pieces + 1);
        for (int i = 0; i < n; i++) {
            // Mostly plain text, as log fields are: about half the alerts stay ASCII.
            sb.append(rnd.nextInt(30) == 0 ? PIECES[rnd.nextInt(PIECES.length)] : PIECES[rnd.nextInt(3)]);
        }
        return sb.toString();
    }
}
