package io.trailhound.core.rules.elastic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The two small databases the GeoIP tests use, written fresh into a temporary folder. */
public final class TestGeoDatabases {
    /** Paris, FR, Île-de-France: 203.0.113.0/24 (TEST-NET-3). */
    public static final String PARIS_NET = "203.0.113.0/24";
    /** AS64500 "Example Org": 198.51.100.0/24 (TEST-NET-2). */
    public static final String EXAMPLE_ORG_NET = "198.51.100.0/24";

    /** An Elastic rule on both databases' fields: a console login from Example Org's network or from France. */
    public static final String ELASTIC_RULE = """
            [metadata]
            creation_date = "2024/01/01"
            maturity = "production"

            [rule]
            author = ["Trailhound"]
            description = "Console login from a network of a given organisation, or from France."
            name = "Console Login from Example Org or France"
            risk_score = 47
            rule_id = "00000000-0000-0000-0000-0000000000a5"
            severity = "medium"
            type = "query"
            language = "kuery"
            query = '''
            event.dataset: "aws.cloudtrail" and event.action: "ConsoleLogin"
              and (source.as.organization.name: Example* or source.geo.country_iso_code: "FR")
            '''

            [rule.investigation_fields]
            field_names = ["source.ip", "source.as.number", "source.as.organization.name", "source.geo.city_name"]
            """;

    private static GeoIp both;

    private TestGeoDatabases() {
    }

    /**
     * Both databases, opened once for the test JVM (as a scan holds them for its run) from a
     * temporary folder removed on exit.
     */
    public static synchronized GeoIp both() throws IOException {
        if (both == null) {
            Path dir = Files.createTempDirectory("trailhound-geoip");
            dir.toFile().deleteOnExit();
            Path city = city(dir);
            Path asn = asn(dir);
            city.toFile().deleteOnExit();
            asn.toFile().deleteOnExit();
            both = GeoIp.open(city, asn);
        }
        return both;
    }

    public static Path city(Path dir) throws IOException {
        return new MmdbTestWriter("GeoLite2-City")
                .ipv4(PARIS_NET, MmdbTestWriter.city("Paris", "EU", "Europe", "FR", "France", "IDF",
                        "Île-de-France", 48.8566, 2.3522))
                .write(dir.resolve("city.mmdb"));
    }

    public static Path asn(Path dir) throws IOException {
        return new MmdbTestWriter("GeoLite2-ASN")
                .ipv4(EXAMPLE_ORG_NET, MmdbTestWriter.asn(64500, "Example Org"))
                .ipv4("192.0.2.0/25", MmdbTestWriter.asn(64501, "Other Org"))
                .write(dir.resolve("asn.mmdb"));
    }
}
