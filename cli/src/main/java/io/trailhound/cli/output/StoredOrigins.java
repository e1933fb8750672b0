package io.trailhound.cli.output;

import io.trailhound.core.Severity;
import io.trailhound.core.output.AlertFacts;
import io.trailhound.core.output.EventOrigin;
import io.trailhound.store.StoredAlert;
import io.trailhound.store.StoredEvent;
import io.trailhound.store.WhoAnswer;
import java.util.ArrayList;
import java.util.List;

/** The store's rows in the output model: an event's origin, a stored alert's facts. */
final class StoredOrigins {
    static final String NOT_ATTRIBUTED = "not attributed in the store";

    private StoredOrigins() {
    }

    static EventOrigin origin(StoredEvent e, List<WhoAnswer.ChainHop> chain) {
        return origin(e.originType(), e.originArn(), e.originName(), e.originProvider(), e.originAccount(), e.confidence(),
                e.reason(), chain);
    }

    static EventOrigin origin(String type, String arn, String name, String provider, String account, String confidence,
                              String reason, List<WhoAnswer.ChainHop> chain) {
        List<String> via = new ArrayList<>(chain.size());
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (chain.get(i).arn() != null) {
                via.add(chain.get(i).arn());
            }
        }
        return new EventOrigin(type, arn, name, provider, account, confidence,
                confidence == null && reason == null ? NOT_ATTRIBUTED : reason, via);
    }

    static AlertFacts alert(StoredAlert a) {
        EventOrigin origin = a.originArn() == null && a.originName() == null && a.originLabel() != null
                // the event is gone (pruned): the alert's own copy of the origin
                ? new EventOrigin(a.originType(), a.originLabel().startsWith("arn:") ? a.originLabel() : null,
                        a.originLabel().startsWith("arn:") ? null : a.originLabel(), null, null, a.confidence(), null, List.of())
                : origin(a.originType(), a.originArn(), a.originName(), a.originProvider(), a.originAccount(), a.confidence(),
                        a.reason(), a.chain());
        return new AlertFacts(a.id(), a.timeMillis(), a.ruleId(), a.ruleName(), a.format(), Severity.parse(a.severity()),
                a.priority(), a.output(), null, List.of(), List.of(), a.eventID(), a.eventName(), a.eventSource(),
                a.awsRegion(), a.recipientAccountId(), a.sourceIPAddress(), a.identityType(), a.identityArn(), origin);
    }
}
