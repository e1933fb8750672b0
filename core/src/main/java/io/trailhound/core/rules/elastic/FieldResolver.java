package io.trailhound.core.rules.elastic;

import io.trailhound.core.rules.ir.Accessor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves the field names of one rule to ECS accessors and remembers what the rule needs that the
 * view cannot give (GeoIP, a user-agent parser) and which names the pipeline never sets, so the
 * rule can be listed with its needs and loaded with a warning instead of failing.
 */
final class FieldResolver {
    private final Set<String> needs = new LinkedHashSet<>();
    private final Set<String> unknown = new LinkedHashSet<>();
    private final Set<String> used = new LinkedHashSet<>();
    private final GeoIp geo;

    /** Without GeoIP databases: {@code source.geo.*} and {@code source.as.*} are needs. */
    public FieldResolver() {
        this(GeoIp.NONE);
    }

    public FieldResolver(GeoIp geo) {
        this.geo = geo;
    }

    public Accessor field(String name) {
        EcsField f = EcsFields.resolve(name, geo);
        used.add(name);
        switch (f.kind()) {
            case NEEDS_DATA -> needs.add(f.need());
            case UNKNOWN -> unknown.add(name);
            default -> {
            }
        }
        return f.accessor();
    }

    /** Every field name the view can give here (for wildcard field names and free text). */
    public Set<String> producedNames() {
        return EcsFields.producedNames(geo);
    }

    /** What the rule needs and we lack, one line each ({@code source.as.*: needs --geoip-asn …}). */
    public List<String> needs() {
        return new ArrayList<>(needs);
    }

    /** Field names the CloudTrail pipeline never sets. */
    public List<String> unknownFields() {
        return new ArrayList<>(unknown);
    }

    /** Every field name the rule resolved, in first-use order. */
    public List<String> usedFields() {
        return new ArrayList<>(used);
    }
}
