package io.trailhound.cli;

import io.trailhound.core.rules.RuleFormats;
import io.trailhound.core.rules.RuleLoader;
import io.trailhound.core.rules.elastic.GeoIp;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** MaxMind databases for the ECS view's source.geo.* and source.as.*: for every command that loads rules. */
final class GeoIpOptions {
    @Option(names = "--geoip-city", paramLabel = "FILE",
            description = "A MaxMind City database (.mmdb, e.g. GeoLite2-City.mmdb) for source.geo.* (country, city, "
                    + "region, location) in Elastic rules, looked up from the event's source IP. Without it those "
                    + "rules load but cannot match on source.geo.*, and 'rules list' shows the need.")
    Path geoipCity;

    @Option(names = "--geoip-asn", paramLabel = "FILE",
            description = "A MaxMind ASN database (.mmdb, e.g. GeoLite2-ASN.mmdb) for source.as.number and "
                    + "source.as.organization.name in Elastic rules (several filter on the network's owner). Without "
                    + "it those rules load but cannot match on source.as.*, and 'rules list' shows the need. "
                    + "Both files are read locally; nothing is looked up online.")
    Path geoipAsn;

    /**
     * A rule loader whose Elastic front end looks addresses up in the given databases. The databases
     * are opened once for the run and stay open: the loaded rules keep them for their lookups.
     */
    RuleLoader loader() {
        return loader(false);
    }

    /** As {@link #loader()}, with Falco's {@code rule_matching: first} for the Falco files when {@code falcoFirstMatch}. */
    RuleLoader loader(boolean falcoFirstMatch) {
        return RuleFormats.with(open(), falcoFirstMatch).loader();
    }

    /** The given databases, opened ({@link GeoIp#NONE} when none is given). */
    GeoIp open() {
        return GeoIp.open(geoipCity, geoipAsn);
    }
}
