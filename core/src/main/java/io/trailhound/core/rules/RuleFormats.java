package io.trailhound.core.rules;

import io.trailhound.core.rules.elastic.ElasticFrontEnd;
import io.trailhound.core.rules.elastic.GeoIp;
import io.trailhound.core.rules.falco.FalcoFrontEnd;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.sigma.SigmaFrontEnd;

/** The rule languages Trailhound reads, and its own pack. */
public final class RuleFormats {
    private RuleFormats() {
    }

    /** A fresh front end for the format (front ends keep load state, so one per load). */
    public static RuleFrontEnd frontEnd(RuleFormat format) {
        return frontEnd(format, GeoIp.NONE);
    }

    /**
     * As {@link #frontEnd(RuleFormat)}, with the user's GeoIP databases for the formats that use
     * them (Elastic's {@code source.geo.*} and {@code source.as.*}).
     */
    public static RuleFrontEnd frontEnd(RuleFormat format, GeoIp geo) {
        return switch (format) {
            case FALCO -> new FalcoFrontEnd();
            case ELASTIC -> new ElasticFrontEnd(geo);
            case SIGMA -> new SigmaFrontEnd();
            case BUILTIN -> throw new IllegalArgumentException("the built-in pack is loaded with builtin()");
        };
    }

    /** The built-in rule pack shipped in the jar (Falco format). */
    public static LoadResult builtin() {
        return FalcoFrontEnd.builtin();
    }
}
