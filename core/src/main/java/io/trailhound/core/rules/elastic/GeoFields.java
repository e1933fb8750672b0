package io.trailhound.core.rules.elastic;

import io.trailhound.core.rules.ir.Accessors;
import io.trailhound.core.rules.ir.IpLiteral;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code source.geo.*} and {@code source.as.*}: the pipeline's {@code geoip} processors on
 * {@code source.ip} (City database with default properties; ASN database with {@code asn} and
 * {@code organization_name}, renamed to {@code number} and {@code organization.name}). Looked up
 * in the user's databases when given; without one, absent and reported as a need.
 */
final class GeoFields {
    static final String GEO = "source.geo.";
    static final String AS = "source.as.";
    static final String NEEDS_CITY = "source.geo.*: needs --geoip-city (no GeoIP city database given)";
    static final String NEEDS_ASN = "source.as.*: needs --geoip-asn (no GeoIP ASN database given)";

    private static final Map<String, Function<CityRecord, Object>> CITY = new LinkedHashMap<>();
    private static final Map<String, Function<AsnRecord, Object>> ASN = new LinkedHashMap<>();

    static {
        CITY.put(GEO + "city_name", CityRecord::cityName);
        CITY.put(GEO + "continent_name", CityRecord::continentName);
        CITY.put(GEO + "country_iso_code", CityRecord::countryIsoCode);
        CITY.put(GEO + "country_name", CityRecord::countryName);
        CITY.put(GEO + "region_iso_code", CityRecord::regionIsoCode);
        CITY.put(GEO + "region_name", CityRecord::regionName);
        // A geo_point; its text form in Elasticsearch is "lat,lon".
        CITY.put(GEO + "location", r -> r.latitude() == null ? null
                : String.format(Locale.ROOT, "%s,%s", r.latitude(), r.longitude()));
        CITY.put(GEO + "location.lat", r -> r.latitude() == null ? null : r.latitude().toString());
        CITY.put(GEO + "location.lon", r -> r.longitude() == null ? null : r.longitude().toString());
        ASN.put(AS + "number", r -> r.number() == null ? null : r.number().toString());
        ASN.put(AS + "organization.name", AsnRecord::organization);
    }

    private GeoFields() {
    }

    /**
     * The field, when {@code name} is under {@code source.geo.} or {@code source.as.}: a need
     * without the database, the lookup with it; null for a name the processors do not set (the
     * caller calls it unknown) or outside these prefixes.
     */
    static EcsField resolve(String name, GeoIp geo) {
        if (name.startsWith(GEO)) {
            return field(name, geo.hasCity(), NEEDS_CITY, CITY.get(name), geo::city);
        }
        if (name.startsWith(AS)) {
            return field(name, geo.hasAsn(), NEEDS_ASN, ASN.get(name), geo::asn);
        }
        return null;
    }

    /** One part ({@code part}, null when the processor does not set the name) of a looked-up record. */
    private static <R> EcsField field(String name, boolean haveDatabase, String need, Function<R, Object> part,
                                      Function<InetAddress, R> lookup) {
        if (!haveDatabase) {
            return new EcsField(Accessors.absent(name), EcsField.Kind.NEEDS_DATA, need);
        }
        if (part == null) {
            return null;
        }
        // source.ip is set only for an IP literal; anything else (a service name, a host name) has no geoip.
        // A lookup, even cached, is dearer than reading a decoded field.
        return new EcsField(Accessors.parsed(name, e -> {
            R r = lookup.apply(IpLiteral.address(e.sourceIPAddress()));
            return r == null ? null : part.apply(r);
        }), EcsField.Kind.PRODUCED, null);
    }

    /** The names these databases set, for wildcard field names and free text. */
    static List<String> names(GeoIp geo) {
        List<String> out = new ArrayList<>();
        if (geo.hasCity()) {
            out.addAll(CITY.keySet());
        }
        if (geo.hasAsn()) {
            out.addAll(ASN.keySet());
        }
        return out;
    }

}
