package io.trailhound.synth;

/** An IAM access key; last-use fields are updated as events signed with it are written. */
final class AccessKey {
    final String id;
    final long created;
    boolean active = true;
    long lastUsed = -1;
    String lastUsedRegion;
    String lastUsedService;

    AccessKey(String id, long created) {
        this.id = id;
        this.created = created;
    }
}
