package io.trailhound.core.rules.elastic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code event.category} and {@code event.type} by event name, as the pipeline's categorisation
 * script sets them (newest generation read). EQL's {@code iam where} / {@code file where} and
 * {@code info where} (with {@code event_category_override = "event.type"}) depend on it.
 */
final class EcsCategorisation {
    private static final List<String> INFO = List.of("info");
    private static final Map<String, List<String>> CATEGORY = new HashMap<>();
    private static final Map<String, List<String>> TYPE = new HashMap<>();

    static {
        put("authentication", "info", "AssumeRole", "ConsoleLogin", "GetCallerIdentity");
        put("iam", "group,change", "AddUserToGroup", "AttachGroupPolicy", "DeleteGroupPolicy", "DetachGroupPolicy",
                "PutGroupPolicy", "RemoveUserFromGroup", "UpdateGroup");
        put("iam", "user,change", "AttachUserPolicy", "ChangePassword", "CreateAccessKey", "CreateVirtualMFADevice",
                "DeactivateMFADevice", "DeleteAccessKey", "DeleteSSHPublicKey", "DeleteUserPermissionsBoundary",
                "DeleteUserPolicy", "DeleteVirtualMFADevice", "DetachUserPolicy", "EnableMFADevice",
                "PutUserPermissionsBoundary", "PutUserPolicy", "TagUser", "UntagUser", "UpdateAccessKey",
                "UpdateLoginProfile", "UpdateSSHPublicKey", "UpdateUser");
        put("iam", "group,creation", "CreateGroup");
        put("iam", "group,deletion", "DeleteGroup");
        put("iam", "user,creation", "CreateUser");
        put("iam", "user,deletion", "DeleteUser");
        put("iam", "admin,creation", "CreateKeyPair");
        put("iam", "admin,change", "SetDefaultPolicyVersion", "SetSecurityTokenServicePreferences",
                "UpdateAccountPasswordPolicy", "UpdateRole");
        put("iam", "group,info", "GetGroup", "GetGroupPolicy", "ListAttachedGroupPolicies", "ListGroupPolicies",
                "ListGroups");
        put("iam", "user,info", "GetUser", "GetUserPolicy", "ListAttachedUserPolicies", "ListGroupsForUser",
                "ListUserPolicies", "ListUsers", "ListUserTags");
        put("iam", "info", "ListRoles", "GetPolicy", "ListAttachedRolePolicies");
        put("iam", "creation", "CreatePolicy");
        put("iam", "change", "AttachRolePolicy");
        put("file", "creation", "CreateBucket");
        put("file", "deletion", "DeleteBucket");
        put("file", "info", "ListBuckets", "ListObjects", "HeadObject", "GetObject");
        put("file", "change", "PutObject");
        put("file", "deletion", "DeleteObject");
        put("file", "creation", "CreateDocument");
        put("host", "info", "DescribeInstances", "DescribeVolumes", "ListInstanceAssociations");
        put("network", "info", "DescribeSecurityGroups", "DescribeNetworkInterfaces", "DescribeVpcs",
                "DescribeNetworkAcls", "DescribeLoadBalancers");
        put("network", "access", "AuthorizeSecurityGroupIngress");
        put("api", "info", "DescribeRegions", "Publish", "Converse");
        put("process", "start", "SendCommand");
        put("configuration", "info", "DescribeTrails");
        put("configuration", "creation", "CreateTopic");
        put("configuration", "change", "Subscribe");
        put("configuration", "deletion", "DeleteTrail");
        put("package", "info", "ListFunctions");
        put("database", "info", "ListTables", "DescribeDBInstances");
        put("session", "start", "StartSession", "CreateControlChannel", "OpenControlChannel", "CreateDataChannel",
                "OpenDataChannel");
        put("session", "end", "TerminateSession");
    }

    private EcsCategorisation() {
    }

    private static void put(String category, String types, String... eventNames) {
        List<String> c = List.of(category);
        List<String> t = List.of(types.split(","));
        for (String n : eventNames) {
            CATEGORY.put(n, c);
            TYPE.put(n, t);
        }
    }

    /** The categories, or null: an event name outside the table has no {@code event.category}. */
    static List<String> category(String eventName) {
        return eventName == null ? null : CATEGORY.get(eventName);
    }

    /** The types: {@code ["info"]} for an event name outside the table. */
    static List<String> type(String eventName) {
        return eventName == null ? INFO : TYPE.getOrDefault(eventName, INFO);
    }
}
