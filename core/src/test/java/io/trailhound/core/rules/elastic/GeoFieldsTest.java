package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestEvents;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** source.geo.* and source.as.* from source.ip, with and without the databases. */
class GeoFieldsTest {
    private static GeoIp geo;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() throws IOException {
        geo = TestGeoDatabases.both();
    }

    private static CloudTrailEvent from(String sourceIp) {
        return TestEvents.parse("{\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventID\":\"e1\",\"eventName\":\"GetCallerIdentity\","
                + "\"sourceIPAddress\":\"" + sourceIp + "\"}");
    }

    private static Object get(String field, CloudTrailEvent e) {
        EcsField f = EcsFields.resolve(field, geo);
        assertThat(f.kind()).as(field).isEqualTo(EcsField.Kind.PRODUCED);
        return f.accessor().extract(e);
    }

    @Test
    void cityFieldsAsTheDefaultGeoipProcessorSetsThem() {
        CloudTrailEvent paris = from("203.0.113.50");
        assertThat(get("source.geo.city_name", paris)).isEqualTo("Paris");
        assertThat(get("source.geo.continent_name", paris)).isEqualTo("Europe");
        assertThat(get("source.geo.country_iso_code", paris)).isEqualTo("FR");
        assertThat(get("source.geo.country_name", paris)).isEqualTo("France");
        assertThat(get("source.geo.region_iso_code", paris)).isEqualTo("FR-IDF");
        assertThat(get("source.geo.region_name", paris)).isEqualTo("Île-de-France");
        assertThat(get("source.geo.location.lat", paris)).isEqualTo("48.8566");
        assertThat(get("source.geo.location.lon", paris)).isEqualTo("2.3522");
        assertThat(get("source.geo.location", paris)).isEqualTo("48.8566,2.3522");
    }

    @Test
    void asnFieldsAsThePipelineRenamesThem() {
        CloudTrailEvent org = from("198.51.100.77");
        assertThat(get("source.as.number", org)).isEqualTo("64500");
        assertThat(get("source.as.organization.name", org)).isEqualTo("Example Org");
        assertThat(get("source.geo.country_iso_code", org)).isNull();
    }

    @Test
    void onlyIpLiteralsAreLookedUp() {
        // No source.ip, so no geoip: a service name or a host name never becomes an address.
        assertThat(get("source.as.number", from("ec2.amazonaws.com"))).isNull();
        assertThat(get("source.as.number", from("198.51.100.77.example.com"))).isNull();
        assertThat(get("source.geo.city_name", from("AWS Internal"))).isNull();
        assertThat(get("source.as.number", from("::ffff:198.51.100.77"))).isEqualTo("64500");
    }

    @Test
    void withoutTheDatabaseTheFieldsAreNeedsAsBefore() throws IOException {
        GeoIp asnOnly = GeoIp.open(null, TestGeoDatabases.asn(dir));
        try (asnOnly) {
            EcsField city = EcsFields.resolve("source.geo.city_name", asnOnly);
            assertThat(city.kind()).isEqualTo(EcsField.Kind.NEEDS_DATA);
            assertThat(city.need()).contains("--geoip-city");
            assertThat(city.accessor().extract(from("203.0.113.50"))).isNull();
            assertThat(EcsFields.resolve("source.as.number", asnOnly).kind()).isEqualTo(EcsField.Kind.PRODUCED);
            assertThat(EcsFields.resolve("source.as.number").kind()).isEqualTo(EcsField.Kind.NEEDS_DATA);
        }
    }

    @Test
    void namesTheProcessorsDoNotSetAreUnknown() {
        assertThat(EcsFields.resolve("source.geo.timezone", geo).kind()).isEqualTo(EcsField.Kind.UNKNOWN);
        assertThat(EcsFields.resolve("source.as.asn", geo).kind()).isEqualTo(EcsField.Kind.UNKNOWN);
    }

    @Test
    void wildcardNamesSeeTheGeoFieldsOnlyWithTheDatabase() {
        assertThat(EcsFields.producedNames(geo)).contains("source.geo.city_name", "source.as.organization.name");
        assertThat(EcsFields.producedNames(GeoIp.NONE)).noneMatch(n -> n.startsWith("source.geo.")
                || n.startsWith("source.as."));
    }
}
