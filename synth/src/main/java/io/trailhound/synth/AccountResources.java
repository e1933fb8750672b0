package io.trailhound.synth;

import java.util.ArrayList;
import java.util.List;

/** Names of the resources an account's API calls refer to (buckets, keys, secrets…), fixed at build time. */
final class AccountResources {
    final List<String> buckets = new ArrayList<>();
    /** KMS key ids and secret names; ARNs are built with the region of the call. */
    final List<String> kmsKeyIds = new ArrayList<>();
    final List<String> secretNames = new ArrayList<>();
    final List<String> parameters = new ArrayList<>();
    final List<String> logGroups = new ArrayList<>();
    final List<String> stacks = new ArrayList<>();
    final List<String> instanceIds = new ArrayList<>();
    final List<String> volumeIds = new ArrayList<>();
    final List<String> functions = new ArrayList<>();
    final List<String> tables = new ArrayList<>();
    String ecsCluster;
}
