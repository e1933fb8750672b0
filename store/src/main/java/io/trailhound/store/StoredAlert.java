package io.trailhound.store;

import java.util.List;

/**
 * One stored alert with what its event tells about it, as {@link EventStore#exportAlerts} returns
 * it. Event and origin fields are null when the event is not in the store (pruned); the alert's
 * own {@code originLabel} and {@code confidence} are kept with it.
 */
public record StoredAlert(String id, String eventID, long timeMillis, String ruleId, String ruleName, String format,
                          String severity, String priority, String output, String eventName, String eventSource,
                          String awsRegion, String recipientAccountId, String sourceIPAddress, String identityType,
                          String identityArn, String originType, String originArn, String originName,
                          String originProvider, String originAccount, String confidence, String reason,
                          List<WhoAnswer.ChainHop> chain, String originLabel) {
}
