package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.rules.elastic.TestGeoDatabases;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --geoip-city / --geoip-asn on scan and rules list, with databases written by the core test writer. */
class GeoIpOptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** alice's successful console sign-in from {@code ip}. */
    private static CloudTrailRecord login(String id, String ip) {
        return CloudTrailRecord.event("ConsoleLogin").source("signin.amazonaws.com").type("AwsConsoleSignIn").ip(ip)
                .iamUser("alice", null).response("ConsoleLogin", "Success").id(id);
    }

    private Path rule() throws IOException {
        return Files.writeString(tmp.resolve("example_org.toml"), TestGeoDatabases.ELASTIC_RULE);
    }

    private Path events() throws IOException {
        return CloudTrailFiles.jsonLines(tmp.resolve("events.jsonl"),
                login("00000000-0000-4000-8000-0000000000e1", "198.51.100.8"),
                login("00000000-0000-4000-8000-0000000000e2", "192.0.2.200"),
                login("00000000-0000-4000-8000-0000000000e3", "ec2.amazonaws.com"));
    }

    private CliRun scan(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("scan", events().toString(), "--no-builtin", "--rules",
                "elastic:" + rule(), "--format", "ndjson", "--no-progress", "--quarantine", tmp.resolve("q").toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void scanAlertsOnTheOrganisationOnlyWithTheAsnDatabase() throws IOException {
        CliRun with = scan("--geoip-asn", TestGeoDatabases.asn(tmp).toString());
        assertThat(with.exit()).as(with.err()).isEqualTo(ExitCodes.OK);
        List<JsonNode> alerts = with.jsonLines();
        assertThat(alerts).hasSize(1);
        JsonNode a = alerts.get(0);
        assertThat(a.path("rule").asText()).isEqualTo("Console Login from Example Org or France");
        assertThat(a.path("eventID").asText()).isEqualTo("00000000-0000-4000-8000-0000000000e1");
        assertThat(a.path("output_fields").path("source.as.number").asText()).isEqualTo("64500");
        assertThat(a.path("output_fields").path("source.as.organization.name").asText()).isEqualTo("Example Org");

        CliRun without = scan();
        assertThat(without.exit()).as(without.err()).isEqualTo(ExitCodes.OK);
        assertThat(without.jsonLines()).isEmpty();
    }

    @Test
    void rulesListShowsTheNeedOnlyWithoutTheDatabase() throws IOException {
        String spec = "elastic:" + rule();
        CliRun without = CliRun.of("rules", "list", "--no-builtin", "--rules", spec, "--format", "json");
        assertThat(without.exit()).as(without.err()).isEqualTo(ExitCodes.OK);
        assertThat(JSON.readTree(without.out()).path("rules").get(0).path("needs").toString())
                .contains("source.as.*: needs --geoip-asn");
        CliRun with = CliRun.of("rules", "list", "--no-builtin", "--rules", spec, "--format", "json",
                "--geoip-asn", TestGeoDatabases.asn(tmp).toString(), "--geoip-city", TestGeoDatabases.city(tmp).toString());
        assertThat(with.exit()).as(with.err()).isEqualTo(ExitCodes.OK);
        assertThat(JSON.readTree(with.out()).path("rules").get(0).path("needs")).isEmpty();
    }

    @Test
    void aBadDatabaseFileIsAUsageErrorWithTheReason() throws IOException {
        Path notMmdb = Files.writeString(tmp.resolve("GeoLite2-ASN.csv"), "network,autonomous_system_number\n");
        CliRun bad = scan("--geoip-asn", notMmdb.toString());
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(bad.err()).contains("--geoip-asn").contains("not a MaxMind DB (.mmdb) file");
        assertThat(bad.out()).isEmpty();

        CliRun missing = CliRun.of("rules", "list", "--geoip-asn", tmp.resolve("absent.mmdb").toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(missing.err()).contains("--geoip-asn: no such file");

        CliRun wrongType = scan("--geoip-city", TestGeoDatabases.asn(tmp).toString());
        assertThat(wrongType.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(wrongType.err()).contains("--geoip-city").contains("'GeoLite2-ASN' database").contains("type contains 'City'");
    }

    @Test
    void helpSaysWhichRulesNeedTheDatabases() {
        for (String[] cmd : List.of(new String[] {"scan", "--help"}, new String[] {"rules", "list", "--help"})) {
            CliRun help = CliRun.of(cmd);
            assertThat(help.exit()).isEqualTo(ExitCodes.OK);
            assertThat(help.out()).contains("--geoip-city=FILE").contains("--geoip-asn=FILE")
                    .contains("source.geo.*").contains("source.as.number").contains("Elastic rules");
        }
    }
}
