package io.trailhound.synth;

import java.io.IOException;

/**
 * An EC2 instance: EC2 assumes the profile role for it (AWSService AssumeRole, session name = the
 * instance id) about hourly, and the instance's agents call with those credentials from its
 * public address.
 */
final class Ec2InstanceActor extends Actor {
    private static final int SESSION_SECONDS = 6 * 3600;

    final Workloads.Ec2Instance instance;
    private Credential session;
    private long renewAt;

    Ec2InstanceActor(World w, Workloads.Ec2Instance instance, double weight) {
        super(w, Group.EC2, weight);
        this.instance = instance;
    }

    @Override
    void step(long t) throws IOException {
        if (session == null || t >= renewAt || !session.validAt(t, 300_000L)) {
            renew(t);
            return;
        }
        callAsUsual(t);
    }

    private void renew(long t) throws IOException {
        session = w.sts.serviceAssumeRole("ec2.amazonaws.com", instance.role(), instance.instanceId(), SESSION_SECONDS, t);
        renewAt = t + SessionActor.minutes(w.between(45, 75));
    }

    /** The credentials the instance holds at {@code t}, renewed first if needed. */
    Credential sessionAt(long t) throws IOException {
        if (session == null || !session.validAt(t, 1_800_000L)) {
            renew(t);
        }
        return session;
    }

    void callAsUsual(long t) throws IOException {
        ApiAction a = w.catalog.ec2Instance.pick(w.rng);
        String agent = a.service.equals("ssm") ? UserAgents.SSM_AGENT : instance.agent();
        w.api.call(session, a, instance.region(), t, instance.ip(), agent, instance.instanceId());
    }
}
