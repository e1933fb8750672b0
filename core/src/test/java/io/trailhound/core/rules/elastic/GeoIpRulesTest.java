package io.trailhound.core.rules.elastic;

import static io.trailhound.core.rules.elastic.CloudTrailRecords.EC2_INSTANCE_ROLE;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.IAM_USER;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.conformance.SharedData;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.LoadProblem;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.RuleFormats;
import io.trailhound.core.rules.RuleFrontEnd;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.RuleFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Elastic rules on source.as.* / source.geo.*: they fire with the user's databases and cannot without. */
class GeoIpRulesTest {
    private static final String RULE = TestGeoDatabases.ELASTIC_RULE;

    private static GeoIp geo;

    @BeforeAll
    static void open() throws IOException {
        geo = TestGeoDatabases.both();
    }

    private static CompiledRule load(RuleFrontEnd frontEnd, String toml) {
        LoadResult r = frontEnd.load(List.of(new RuleFile("rules/geo.toml", toml)));
        assertThat(r.errors()).isEmpty();
        assertThat(r.rules()).hasSize(1);
        return r.rules().get(0);
    }

    private static CloudTrailEvent consoleLogin(String sourceIp) {
        return record("signin.amazonaws.com", "ConsoleLogin", IAM_USER, sourceIp, "Mozilla/5.0",
                "\"responseElements\":{\"ConsoleLogin\":\"Success\"}");
    }

    @Test
    void ownRuleFiresWithTheDatabasesAndNotWithout() {
        CompiledRule with = load(RuleFormats.with(geo, false).of(RuleFormat.ELASTIC), RULE);
        CompiledRule without = load(RuleFormats.standard().of(RuleFormat.ELASTIC), RULE);
        CloudTrailEvent fromOrg = consoleLogin("198.51.100.8");
        CloudTrailEvent fromParis = consoleLogin("203.0.113.8");
        CloudTrailEvent fromElsewhere = consoleLogin("192.0.2.200");
        assertThat(with.condition().test(fromOrg)).isTrue();
        assertThat(with.condition().test(fromParis)).isTrue();
        assertThat(with.condition().test(fromElsewhere)).isFalse();
        assertThat(without.condition().test(fromOrg)).isFalse();
        assertThat(without.condition().test(fromParis)).isFalse();
        assertThat(with.info().needs()).isEmpty();
        assertThat(without.info().needs()).containsExactly(
                "source.as.*: needs --geoip-asn (no GeoIP ASN database given)",
                "source.geo.*: needs --geoip-city (no GeoIP city database given)");
    }

    @Test
    void theNoticeIsOnlyGivenWithoutTheDatabase() {
        LoadResult with = new ElasticFrontEnd(geo).load(List.of(new RuleFile("rules/geo.toml", RULE)));
        LoadResult without = new ElasticFrontEnd().load(List.of(new RuleFile("rules/geo.toml", RULE)));
        assertThat(with.problems()).isEmpty();
        assertThat(without.problems()).extracting(LoadProblem::code).containsOnly("ELASTIC_NEEDS_DATA");
    }

    @Test
    void alertFieldsShowTheLookedUpValues() {
        CompiledRule rule = load(new ElasticFrontEnd(geo), RULE);
        assertThat(rule.output().fields(consoleLogin("198.51.100.8")))
                .containsEntry("source.as.number", "64500")
                .containsEntry("source.as.organization.name", "Example Org")
                .containsEntry("source.geo.city_name", null);
    }

    @Test
    void elasticsPeerRuleOnAnUnusualOrganisationFiresOnlyWithTheAsnDatabase() throws IOException {
        Path file = SharedData.dir("peers/elastic/rules/integrations/aws")
                .resolve("discovery_new_terms_sts_getcalleridentity_ec2_role_new_source_as.toml");
        String toml = Files.readString(file);
        CompiledRule with = load(new ElasticFrontEnd(geo), toml);
        CompiledRule without = load(new ElasticFrontEnd(), toml);
        // An EC2 instance's role credentials used from an address that is not Amazon's.
        CloudTrailEvent stolen = record("sts.amazonaws.com", "GetCallerIdentity", EC2_INSTANCE_ROLE, "198.51.100.8",
                "aws-cli/2.15.0", "");
        assertThat(with.condition().test(stolen)).isTrue();
        assertThat(without.condition().test(stolen)).isFalse();
        assertThat(without.info().needs()).anyMatch(n -> n.contains("--geoip-asn"));
        assertThat(with.info().needs()).noneMatch(n -> n.contains("--geoip-asn"));
        // The same call from an address the database does not know has no organisation: no match.
        assertThat(with.condition().test(record("sts.amazonaws.com", "GetCallerIdentity", EC2_INSTANCE_ROLE,
                "192.0.2.200", "aws-cli/2.15.0", ""))).isFalse();
    }
}
