package io.trailhound.core.identity;

/**
 * One step of a chain: the identity that acted with {@code accessKeyId}, and the issuance
 * ({@code eventID}, {@code eventName}, {@code time} in epoch millis, the {@code account} that
 * recorded it) that gave out that key. {@code linkedBy} says how the step was made: "key",
 * "session" (role, session name and start), "switch-role" (the SwitchRole record of that session) or "switch-role-nearby" (a SwitchRole by name and time: inferred).
 */
public record Hop(String arn, String accessKeyId, String eventID, String eventName, long time, String account,
                  String linkedBy) {
}
