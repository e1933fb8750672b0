package io.trailhound.cli;

import static io.trailhound.cli.ScanCommandTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import io.trailhound.store.EventStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scan over records that are bad in ways the reader must catch itself, end to end (and into the store). */
class ScanBadInputTest {
    @TempDir
    Path tmp;

    private static JsonNode json(CliRun r) throws IOException {
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void invalidUtf8RecordIsQuarantinedAloneAndTheRunIsStored() throws IOException {
        String[] halves = record(2, "ListUsers").split("ListUsers", 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((record(1, "ListUsers") + "\n" + halves[0] + "List").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}); // a surrogate, which Jackson lets through
        bytes.writeBytes(("Users" + halves[1] + "\n" + record(3, "GetUser") + "\n").getBytes(StandardCharsets.UTF_8));
        Path f = tmp.resolve("utf8.jsonl");
        Files.write(f, bytes.toByteArray());
        Path db = tmp.resolve("th.duckdb");
        CliRun r = CliRun.of("scan", f.toString(), "--db", db.toString(), "--format", "json", "--quarantine",
                tmp.resolve("q").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = json(r);
        assertThat(j.path("events").asInt()).isEqualTo(2);
        assertThat(j.path("quarantinedByReason").path("invalid_utf8").asInt()).isEqualTo(1);
        assertThat(j.path("store").path("eventsAdded").asInt()).isEqualTo(2);
        String q = Files.readString(Path.of(j.path("quarantine").asText()));
        assertThat(q).contains("\"reason\":\"invalid_utf8\"").contains("\"line\":2").contains(f.toString());
        try (EventStore s = EventStore.open(db.toString(), true)) {
            assertThat(s.counts().get("events")).isEqualTo(2);
            assertThat(s.counts().get("quarantine")).isEqualTo(1);
        }
    }

    @Test
    void yearsOutOfRangeInEventTimeAndStsExpirationNeverEndTheRun() throws IOException {
        // bob's key expires in year 999999999; two of his calls happen in years past 9999
        CloudTrailRecord issue = CloudTrailRecord.assumeRole("111122223333", "Admin", "bob", "ASIAFAR", 3600).iamUser("bob", null)
                .set("/responseElements/credentials/expiration", "+999999999-01-01T00:00:00Z");
        CloudTrailRecord use = CloudTrailRecord.event("ListUsers").source("iam.amazonaws.com").at("2026-11-01T09:05:00Z")
                .assumedRole("Admin", "bob", "ASIAFAR", "2026-11-01T09:00:00Z");
        CloudTrailRecord getUser = CloudTrailRecord.event("GetUser").source("iam.amazonaws.com").iamUser("bob", null);
        Path f = CloudTrailFiles.jsonLines(tmp.resolve("years.jsonl"), issue, use, getUser.at("+999999999-01-01T00:00:00Z"),
                getUser.at("+300000-01-01T00:00:00Z"));
        CliRun r = CliRun.of("scan", f.toString(), "--format", "json", "--quarantine", tmp.resolve("q").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        JsonNode j = json(r);
        assertThat(j.path("events").asInt()).isEqualTo(2);
        assertThat(j.path("quarantinedByReason").path("bad_event_time").asInt()).isEqualTo(2);
        assertThat(j.path("timeRange").path("last").asText()).isEqualTo("2026-11-01T09:05:00Z");
        assertThat(j.path("attribution").path("byConfidence").path("exact").asInt()).isEqualTo(1);
    }

    @Test
    void jsonLimitsAreStatedAndCanBeRaised() throws IOException {
        CloudTrailRecord listUsers = CloudTrailRecord.event("ListUsers").source("iam.amazonaws.com").iamUser("bob", null);
        Path f = CloudTrailFiles.jsonLines(tmp.resolve("limits.jsonl"), listUsers.id(CloudTrailRecord.uuid(1)),
                listUsers.id(CloudTrailRecord.uuid(2)).set("/n", new BigInteger("7".repeat(5000))),
                listUsers.id(CloudTrailRecord.uuid(3)).set("/" + "k".repeat(60_000), 1));
        Path q = tmp.resolve("q");

        JsonNode byDefault = json(CliRun.of("scan", f.toString(), "--format", "json", "--quarantine", q.toString()));
        assertThat(byDefault.path("events").asInt()).isEqualTo(1);
        assertThat(byDefault.path("quarantinedByReason").path("json_limit").asInt()).isEqualTo(2);
        String entries = Files.readString(Path.of(byDefault.path("quarantine").asText()));
        assertThat(entries).contains("--max-number-length").contains("--max-key-length");

        CliRun raised = CliRun.of("scan", f.toString(), "--format", "json", "--quarantine", q.toString(),
                "--max-number-length", "5000", "--max-key-length", "60000", "--max-nesting-depth", "20");
        assertThat(raised.exit()).isZero();
        assertThat(json(raised).path("events").asInt()).isEqualTo(3);
        assertThat(json(raised).path("quarantined").asInt()).isZero();

        CliRun tooDeep = CliRun.of("scan", f.toString(), "--max-nesting-depth", "5000");
        assertThat(tooDeep.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(tooDeep.err()).contains("nesting depth limit must be from 3 to 1000");
        CliRun tooLong = CliRun.of("scan", f.toString(), "--max-number-length", "20000");
        assertThat(tooLong.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(tooLong.err()).contains("number length limit must be from 1 to 10000");
    }
}
