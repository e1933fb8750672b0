package io.trailhound.core.rules.elastic;

import java.util.Map;

/**
 * What the CloudTrail pipeline keeps from an ASN database: the number ({@code source.as.number})
 * and the organisation ({@code source.as.organization.name}); either may be null.
 */
record AsnRecord(Long number, String organization) {
    static AsnRecord of(Map<String, Object> rec) {
        Object n = rec.get("autonomous_system_number");
        return new AsnRecord(n instanceof Number num ? num.longValue() : null,
                MmdbValues.text(rec, "autonomous_system_organization"));
    }
}
