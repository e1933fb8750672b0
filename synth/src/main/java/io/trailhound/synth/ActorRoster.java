package io.trailhound.synth;

import java.util.ArrayList;
import java.util.List;

/** Turns the organisation's people, service users and workloads into actors with their weights. */
final class ActorRoster {
    final List<Actor> actors = new ArrayList<>();
    final List<Ec2InstanceActor> instances = new ArrayList<>();

    ActorRoster(World w) {
        OrgModel m = w.model;
        for (Person p : m.people) {
            double weight = 0.5 + w.rng.nextDouble();
            if (p.kind == Person.Kind.IAM_USER) {
                actors.add(new IamPersonActor(w, p, weight));
            } else {
                actors.add(new FederatedPersonActor(w, p, p == m.rootTaskOperator, weight));
            }
        }
        ApiCatalog c = w.catalog;
        actors.add(new ServiceUserActor(w, m.serviceUser("ci-deploy"), ServiceUserActor.Mode.ASSUME,
                Role.Purpose.CI_DEPLOY, c.ciDeploy, UserAgents.CLIS.get(1), 0.30));
        actors.add(new ServiceUserActor(w, m.serviceUser("terraform"), ServiceUserActor.Mode.ASSUME,
                Role.Purpose.TERRAFORM, c.terraform, UserAgents.TERRAFORM, 0.25));
        actors.add(new ServiceUserActor(w, m.serviceUser("backup-agent"), ServiceUserActor.Mode.DIRECT,
                null, c.backup, UserAgents.BOTO3_SERVER, 0.15));
        actors.add(new ServiceUserActor(w, m.serviceUser("monitoring-readonly"), ServiceUserActor.Mode.DIRECT,
                null, c.monitoring, UserAgents.BOTO3_SERVER, 0.20));
        actors.add(new ServiceUserActor(w, m.serviceUser("legacy-s3-sync"), ServiceUserActor.Mode.FEDERATE,
                null, c.s3Sync, UserAgents.CLIS.get(4), 0.10));
        for (Workloads.Pipeline p : m.pipelines) {
            actors.add(new PipelineActor(w, p, 1.0));
        }
        for (Workloads.Ec2Instance i : m.instances) {
            Ec2InstanceActor a = new Ec2InstanceActor(w, i, i.role().name.startsWith("batch") ? 0.6 : 1.0);
            actors.add(a);
            instances.add(a);
        }
        for (Workloads.LambdaFunction f : m.functions) {
            actors.add(new LambdaActor(w, f, 1.0));
        }
        actors.add(new ServiceEventActor(w, 1.0));
    }
}
