package io.trailhound.core.ingest;

import static io.trailhound.core.testkit.CloudTrailRecord.uuid;

import io.trailhound.core.testkit.CloudTrailRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Numbered records for reader tests: record i is a role session's DescribeInstances whose key,
 * minute, maxResults, requestID and eventID ({@link CloudTrailRecord#uuid}) follow from i. Tests
 * edit the text of one (a value cut, a number lengthened), so it carries a userAgent, an empty
 * filterSet and the members real records have.
 */
final class Records {
    private Records() {
    }

    static String record(int i) {
        return CloudTrailRecord.event("DescribeInstances").source("ec2.amazonaws.com").at("2026-11-01T09:0" + (i % 10) + ":00Z")
                .assumedRole("Admin", "alice", "ASIAEXAMPLE" + i, "2026-11-01T09:00:00Z")
                .set("/userIdentity/sessionContext/attributes/mfaAuthenticated", "true")
                .set("/userIdentity/sessionContext/sourceIdentity", "alice")
                .ip("198.51.100.7").userAgent("aws-cli/2.15.0")
                .request("maxResults", i).request("filterSet", Map.of())
                .set("/responseElements", null).set("/requestID", "req-" + i).id(uuid(i))
                .set("/readOnly", true).set("/managementEvent", true).set("/eventCategory", "Management")
                .json();
    }

    static List<String> records(int n) {
        return records(0, n);
    }

    static List<String> records(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(record(i));
        }
        return out;
    }

    static List<String> ids(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(uuid(i));
        }
        return out;
    }
}
