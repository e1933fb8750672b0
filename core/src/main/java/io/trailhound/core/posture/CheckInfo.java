package io.trailhound.core.posture;

import io.trailhound.core.Severity;

import java.util.List;

/**
 * What a check is, for reports and {@code --help}: a stable id (public: JSON, CSV and scripts use
 * it), title, severity, why it matters, how to fix it, and the CIS AWS Foundations item (v4.0 /
 * v5.0 numbering), AWS Config managed rule and Security Hub control where one exists (null if none).
 *
 * @param unit     what the percentage counts: users, accounts or roles
 * @param tierDays age tiers reported beside the total, e.g. 365 for "over a year"
 */
public record CheckInfo(String id, String title, Severity severity, String unit, String rationale, String remediation,
                        String cis, String configRule, String securityHub, List<Integer> tierDays) {
}
