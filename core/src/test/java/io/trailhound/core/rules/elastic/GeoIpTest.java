package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test writer against MaxMind's reader, and GeoIp's lookups and errors. */
class GeoIpTest {
    @TempDir
    Path dir;

    private static InetAddress ip(int a, int b, int c, int d) throws IOException {
        return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }

    @Test
    void maxMindsReaderReadsWhatTheTestWriterWrote() throws IOException {
        try (Reader r = new Reader(TestGeoDatabases.asn(dir).toFile(), new CHMCache())) {
            assertThat(r.getMetadata().getDatabaseType()).isEqualTo("GeoLite2-ASN");
            assertThat(r.getMetadata().getIpVersion()).isEqualTo(6);
            assertThat(r.getMetadata().getLanguages()).containsExactly("en");
            assertThat(r.getMetadata().getDescription()).containsEntry("en", "Trailhound test database");
            assertThat(r.getMetadata().getBuildDate().getTime()).isEqualTo(1_700_000_000_000L);
            @SuppressWarnings("unchecked")
            Map<String, Object> rec = r.get(ip(198, 51, 100, 7), Map.class);
            assertThat(rec).containsEntry("autonomous_system_number", 64500L)
                    .containsEntry("autonomous_system_organization", "Example Org");
            assertThat(r.get(ip(192, 0, 2, 1), Map.class)).containsEntry("autonomous_system_number", 64501L);
            assertThat(r.get(ip(192, 0, 2, 200), Map.class)).as("outside the /25").isNull();
            assertThat(r.get(ip(198, 51, 101, 7), Map.class)).isNull();
            assertThat(r.get(InetAddress.getByAddress(new byte[16]), Map.class)).isNull();
        }
        try (Reader r = new Reader(TestGeoDatabases.city(dir).toFile())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> rec = r.get(ip(203, 0, 113, 5), Map.class);
            assertThat(rec).extractingByKey("location").isEqualTo(Map.of("latitude", 48.8566, "longitude", 2.3522,
                    "accuracy_radius", 20, "time_zone", "Europe/Paris"));
            assertThat(rec).extractingByKey("city").isEqualTo(Map.of("geoname_id", 2988507L,
                    "names", Map.of("en", "Paris", "fr", "Paris")));
            assertThat(rec).extractingByKey("subdivisions").isEqualTo(List.of(Map.of("iso_code", "IDF",
                    "names", Map.of("en", "Île-de-France"))));
        }
    }

    @Test
    void longStringsUseTheExtendedSizes() throws IOException {
        String org = "x".repeat(300);
        Path f = new MmdbTestWriter("GeoLite2-ASN").ipv4("10.0.0.0/8", MmdbTestWriter.asn(1, org))
                .write(dir.resolve("long.mmdb"));
        try (GeoIp geo = GeoIp.open(null, f)) {
            assertThat(geo.asn(ip(10, 1, 2, 3))).isEqualTo(new AsnRecord(1L, org));
        }
    }

    @Test
    void cityAndAsnRecordsAsElasticsGeoipProcessorSetsThem() throws IOException {
        try (GeoIp geo = GeoIp.open(TestGeoDatabases.city(dir), TestGeoDatabases.asn(dir))) {
            assertThat(geo.hasCity()).isTrue();
            assertThat(geo.hasAsn()).isTrue();
            assertThat(geo.city(ip(203, 0, 113, 200))).isEqualTo(new CityRecord("Paris", "Europe", "FR", "France",
                    "FR-IDF", "Île-de-France", 48.8566, 2.3522));
            assertThat(geo.asn(ip(198, 51, 100, 1))).isEqualTo(new AsnRecord(64500L, "Example Org"));
            assertThat(geo.city(ip(198, 51, 100, 1))).isNull();
            assertThat(geo.asn(ip(203, 0, 113, 200))).isNull();
            assertThat(geo.asn(null)).isNull();
        }
    }

    @Test
    void aRecordWithoutSomePartsLeavesThoseFieldsAbsent() throws IOException {
        Path f = new MmdbTestWriter("GeoIP2-City").ipv4("10.0.0.0/8",
                Map.of("country", Map.of("iso_code", "DE", "names", Map.of("de", "Deutschland")),
                        "location", Map.of("latitude", 51.0)))
                .write(dir.resolve("sparse.mmdb"));
        try (GeoIp geo = GeoIp.open(f, null)) {
            assertThat(geo.city(ip(10, 0, 0, 1))).isEqualTo(new CityRecord(null, null, "DE", null, null, null,
                    null, null));
        }
    }

    @Test
    void noDatabasesMeansNoLookups() throws IOException {
        assertThat(GeoIp.open(null, null)).isSameAs(GeoIp.NONE);
        assertThat(GeoIp.NONE.hasCity()).isFalse();
        assertThat(GeoIp.NONE.city(ip(203, 0, 113, 1))).isNull();
        assertThat(GeoIp.NONE.asn(ip(198, 51, 100, 1))).isNull();
    }

    @Test
    void badFilesAreClearErrorsNamingTheOption() throws IOException {
        Path missing = dir.resolve("nope.mmdb");
        assertThatThrownBy(() -> GeoIp.open(missing, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--geoip-city").hasMessageContaining("no such file").hasMessageContaining("nope.mmdb");
        Path text = Files.writeString(dir.resolve("asn.csv"), "network,asn\n198.51.100.0/24,64500\n");
        assertThatThrownBy(() -> GeoIp.open(null, text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--geoip-asn: ").hasMessageContaining("not a MaxMind DB (.mmdb) file");
        Path city = TestGeoDatabases.city(dir);
        Path asn = TestGeoDatabases.asn(dir);
        assertThatThrownBy(() -> GeoIp.open(asn, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--geoip-city").hasMessageContaining("is a 'GeoLite2-ASN' database; this option needs one whose type contains 'City'");
        assertThatThrownBy(() -> GeoIp.open(null, city)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--geoip-asn").hasMessageContaining("is a 'GeoLite2-City' database; this option needs one whose type contains 'ASN'");
        assertThatThrownBy(() -> GeoIp.open(city, dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--geoip-asn: no such file");
    }

    @Test
    void lookupsFromManyThreadsAgree() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (GeoIp geo = GeoIp.open(null, TestGeoDatabases.asn(dir))) {
            List<Future<Integer>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    int found = 0;
                    for (int i = 0; i < 2000; i++) {
                        AsnRecord r = geo.asn(ip(198, 51, 100 + (i % 2), i % 256));
                        if (r != null) {
                            assertThat(r.organization()).isEqualTo("Example Org");
                            found++;
                        }
                    }
                    return found;
                }));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(1000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theAddressCacheIsBounded() throws IOException {
        try (MmdbLookup<AsnRecord> asn = MmdbLookup.open("--geoip-asn", TestGeoDatabases.asn(dir), "ASN",
                AsnRecord::of)) {
            for (int i = 0; i < MmdbLookup.CACHE_LIMIT + 10; i++) {
                asn.get(ip(10, (i >>> 16) & 0xff, (i >>> 8) & 0xff, i & 0xff));
            }
            assertThat(asn.cacheSize()).isBetween(1, MmdbLookup.CACHE_LIMIT);
            assertThat(asn.get(ip(198, 51, 100, 1))).isEqualTo(new AsnRecord(64500L, "Example Org"));
        }
    }
}
