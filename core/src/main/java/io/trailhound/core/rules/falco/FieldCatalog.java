package io.trailhound.core.rules.falco;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every field a Falco rule on CloudTrail may name: the CloudTrail plugin's ({@code ct.*},
 * {@code s3.*}, {@code ec2.*}, {@code ecr.*}, {@code iam.*}), the json plugin's
 * ({@code json.value[...]}, {@code json.obj}) and the generic event fields ({@code evt.*}).
 */
final class FieldCatalog {
    private static final FieldCatalog STANDARD = build();

    private final Map<String, FieldDef> fields;

    private FieldCatalog(Map<String, FieldDef> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    public static FieldCatalog standard() {
        return STANDARD;
    }

    private static FieldCatalog build() {
        Map<String, FieldDef> m = new LinkedHashMap<>();
        for (FieldDef d : CloudTrailFields.definitions()) {
            m.put(d.name(), d);
        }
        for (FieldDef d : JsonFields.definitions()) {
            m.put(d.name(), d);
        }
        for (FieldDef d : EventFields.definitions()) {
            m.put(d.name(), d);
        }
        return new FieldCatalog(m);
    }

    /** The field called {@code name} (without its argument), or null when there is none. */
    public FieldDef find(String name) {
        return fields.get(name);
    }

    public Collection<FieldDef> all() {
        return fields.values();
    }
}
