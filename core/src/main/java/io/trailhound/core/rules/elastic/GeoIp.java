package io.trailhound.core.rules.elastic;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;

/**
 * The user's GeoIP databases ({@code --geoip-city}, {@code --geoip-asn}), MaxMind DB files read
 * locally: nothing is sent anywhere and no name is resolved (callers pass addresses built from IP
 * literals). Either database may be missing; {@link #NONE} has neither. Thread-safe.
 */
public final class GeoIp implements Closeable {
    /** No databases: {@code source.geo.*} and {@code source.as.*} stay absent. */
    public static final GeoIp NONE = new GeoIp(null, null);

    private final MmdbLookup<CityRecord> city;
    private final MmdbLookup<AsnRecord> asn;

    private GeoIp(MmdbLookup<CityRecord> city, MmdbLookup<AsnRecord> asn) {
        this.city = city;
        this.asn = asn;
    }

    /**
     * Opens the given files (either may be null).
     *
     * @throws IllegalArgumentException when a file is missing, not a MaxMind DB, or of the wrong
     *                                  type (a City database is needed for the first, ASN for the second)
     */
    public static GeoIp open(Path cityFile, Path asnFile) {
        if (cityFile == null && asnFile == null) {
            return NONE;
        }
        MmdbLookup<CityRecord> c = cityFile == null ? null
                : MmdbLookup.open("--geoip-city", cityFile, "City", CityRecord::of);
        try {
            MmdbLookup<AsnRecord> a = asnFile == null ? null
                    : MmdbLookup.open("--geoip-asn", asnFile, "ASN", AsnRecord::of);
            return new GeoIp(c, a);
        } catch (IllegalArgumentException e) {
            closeQuietly(c);
            throw e;
        }
    }

    public boolean hasCity() {
        return city != null;
    }

    public boolean hasAsn() {
        return asn != null;
    }

    /** The City record for the address; null without a City database or when it has none. */
    public CityRecord city(InetAddress address) {
        return city == null || address == null ? null : city.get(address);
    }

    /** The ASN record for the address; null without an ASN database or when it has none. */
    public AsnRecord asn(InetAddress address) {
        return asn == null || address == null ? null : asn.get(address);
    }

    @Override
    public void close() throws IOException {
        try {
            if (city != null) {
                city.close();
            }
        } finally {
            if (asn != null) {
                asn.close();
            }
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // already failing with the message that matters
        }
    }
}
