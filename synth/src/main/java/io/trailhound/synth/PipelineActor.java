package io.trailhound.synth;

import java.io.IOException;

/** GitHub Actions jobs of one repository: each job exchanges its OIDC token for a deploy-role session, then deploys. */
final class PipelineActor extends SessionActor {
    final Workloads.Pipeline pipeline;

    PipelineActor(World w, Workloads.Pipeline pipeline, double weight) {
        super(w, Group.PIPELINE, weight);
        this.pipeline = pipeline;
    }

    @Override
    Work begin(long t) throws IOException {
        String runnerIp = Addresses.draw(w.rng, Addresses.GITHUB);
        Credential session = w.sts.assumeRoleWithWebIdentity(pipeline, t, runnerIp);
        return new Work(session, w.catalog.ciDeploy, AwsRegion.US_EAST_1, runnerIp, UserAgents.GITHUB_CLI,
                w.between(8, 40), t);
    }
}
