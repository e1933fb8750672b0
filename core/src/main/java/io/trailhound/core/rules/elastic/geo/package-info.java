/**
 * GeoIP for the Elastic front end's {@code source.geo.*} and {@code source.as.*}: {@link GeoIp}
 * holds the user's MaxMind DB files ({@code --geoip-city}, {@code --geoip-asn}), read locally with
 * MaxMind's reader, and answers a {@link CityRecord} and an {@link AsnRecord} per address, through a
 * bounded per-address cache. {@link GeoIp#NONE} has no database: the fields are then absent.
 *
 * <p>Depends on the MaxMind DB reader only; it knows no rules and no events. It never resolves a
 * host name and sends nothing anywhere: callers pass addresses built from IP literals.
 */
package io.trailhound.core.rules.elastic.geo;
