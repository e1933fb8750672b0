package io.trailhound.synth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ground-truth.json}: the seed and config, the organisation, event counts, the injected
 * stories with their eventIDs and origins, and the planted posture violations. Holds no paths or
 * clock times, so the same config writes the same bytes anywhere.
 */
final class GroundTruthWriter {

    /** What the run produced, for the "events" section. */
    record Counts(long total, int logFiles, Map<String, Long> byFamily, Map<String, Long> byGroup, long storyEvents,
                  long errors) {
    }

    void write(Path file, GeneratorConfig config, OrgModel model, long start, long end, Counts counts,
               List<AttackStories.Story> stories, List<PostureFinding> posture) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator g = new JsonFactory().createGenerator(writer)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeNumberField("seed", config.seed());
            g.writeObjectFieldStart("config");
            g.writeNumberField("accounts", config.accounts());
            g.writeNumberField("users", config.users());
            g.writeNumberField("days", config.days());
            g.writeNumberField("events", config.events());
            g.writeStringField("start", config.start().toString());
            g.writeStringField("layout", config.layout().name());
            g.writeEndObject();
            g.writeObjectFieldStart("window");
            g.writeStringField("start", TimeFormats.isoSeconds(start));
            g.writeStringField("end", TimeFormats.isoSeconds(end));
            g.writeEndObject();
            writeOrganisation(g, model);
            writeCounts(g, counts);
            g.writeStringField("origins", "truth/origins.ndjson");
            g.writeArrayFieldStart("stories");
            for (AttackStories.Story s : stories) {
                g.writeStartObject();
                g.writeStringField("story", s.id);
                g.writeStringField("description", s.description);
                g.writeStringField("account", s.account.id);
                g.writeStringField("start", TimeFormats.isoSeconds(s.startTime));
                g.writeArrayFieldStart("eventIds");
                for (String id : s.eventIds) {
                    g.writeString(id);
                }
                g.writeEndArray();
                g.writeFieldName("origin");
                s.origin.write(g);
                g.writeObjectFieldStart("details");
                for (Map.Entry<String, String> d : s.details.entrySet()) {
                    g.writeStringField(d.getKey(), d.getValue());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("posture");
            for (PostureFinding f : posture) {
                g.writeStartObject();
                g.writeStringField("account", f.account());
                g.writeStringField("principal", f.principal());
                g.writeStringField("check", f.check());
                g.writeStringField("detail", f.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeOrganisation(JsonGenerator g, OrgModel model) throws IOException {
        g.writeObjectFieldStart("organisation");
        g.writeStringField("id", model.orgId);
        g.writeStringField("managementAccount", model.management().id);
        g.writeStringField("identityAccount", model.identity().id);
        g.writeArrayFieldStart("accounts");
        for (Account a : model.accounts) {
            g.writeStartObject();
            g.writeStringField("id", a.id);
            g.writeStringField("name", a.name);
            g.writeStringField("kind", a.kind.name().toLowerCase(Locale.ROOT));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("people");
        for (Person p : model.people) {
            g.writeStartObject();
            g.writeStringField("kind", p.kind.name());
            g.writeStringField("name", p.userName);
            g.writeFieldName("origin");
            p.origin().write(g);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeCounts(JsonGenerator g, Counts c) throws IOException {
        g.writeObjectFieldStart("events");
        g.writeNumberField("total", c.total());
        g.writeNumberField("logFiles", c.logFiles());
        g.writeNumberField("errors", c.errors());
        g.writeNumberField("storyEvents", c.storyEvents());
        g.writeObjectFieldStart("byGroup");
        for (Map.Entry<String, Long> e : c.byGroup().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("byFamily");
        for (Map.Entry<String, Long> e : c.byFamily().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
