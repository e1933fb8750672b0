package io.trailhound.synth;

import java.util.List;

/** Machine principals: EC2 instances and Lambda functions with their roles, and CI pipelines using OIDC. */
final class Workloads {
    private Workloads() {
    }

    /** An instance whose profile role EC2 assumes; its calls come from one public address. */
    record Ec2Instance(Account account, String instanceId, Role role, AwsRegion region, String ip, String agent) {
    }

    /** A function whose execution role Lambda assumes on cold starts; calls leave from a few NAT addresses. */
    record LambdaFunction(Account account, String name, Role role, AwsRegion region, List<String> ips) {
    }

    /** A GitHub repository whose Actions workflows assume a deploy role through the OIDC provider. */
    record Pipeline(Account account, String repository, String subject, Role role) {
    }
}
