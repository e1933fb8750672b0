package io.trailhound.core.identity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One role of {@code get-account-authorization-details}: its ARN, name, path and trust policy
 * ({@code AssumeRolePolicyDocument}, decoded; null when the role has none).
 */
public record RoleTrust(String arn, String name, String path, JsonNode trustPolicy) {
}
