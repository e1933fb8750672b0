package io.trailhound.core.rules.elastic;

import java.util.List;
import java.util.Map;

/**
 * What Elasticsearch's {@code geoip} processor sets from a City database with its default
 * properties: English names, the country's ISO code, the most specific subdivision as the region
 * ({@code region_iso_code} is {@code <country>-<subdivision>}, ISO 3166-2) and the location. Any
 * part may be null: a record can stop at the country.
 */
record CityRecord(String cityName, String continentName, String countryIsoCode, String countryName,
                         String regionIsoCode, String regionName, Double latitude, Double longitude) {

    static CityRecord of(Map<String, Object> rec) {
        Map<String, Object> country = MmdbValues.map(rec, "country");
        Map<String, Object> region = mostSpecificSubdivision(rec);
        String countryIso = MmdbValues.text(country, "iso_code");
        String regionIso = MmdbValues.text(region, "iso_code");
        Map<String, Object> location = MmdbValues.map(rec, "location");
        Double lat = MmdbValues.number(location, "latitude");
        Double lon = MmdbValues.number(location, "longitude");
        boolean located = lat != null && lon != null; // ES sets location only with both
        return new CityRecord(MmdbValues.englishName(MmdbValues.map(rec, "city")),
                MmdbValues.englishName(MmdbValues.map(rec, "continent")), countryIso,
                MmdbValues.englishName(country),
                countryIso != null && regionIso != null ? countryIso + "-" + regionIso : null,
                MmdbValues.englishName(region), located ? lat : null, located ? lon : null);
    }

    private static Map<String, Object> mostSpecificSubdivision(Map<String, Object> rec) {
        List<Map<String, Object>> subdivisions = MmdbValues.maps(rec, "subdivisions");
        return subdivisions.isEmpty() ? Map.of() : subdivisions.get(subdivisions.size() - 1);
    }
}
