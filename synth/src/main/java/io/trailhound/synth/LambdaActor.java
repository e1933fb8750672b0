package io.trailhound.synth;

import java.io.IOException;

/** A Lambda function: Lambda assumes its execution role on a cold start; invocations call with those credentials. */
final class LambdaActor extends Actor {
    private static final int SESSION_SECONDS = 12 * 3600;

    private final Workloads.LambdaFunction function;
    private Credential session;
    private long coldStartAt;

    LambdaActor(World w, Workloads.LambdaFunction function, double weight) {
        super(w, Group.LAMBDA, weight);
        this.function = function;
    }

    @Override
    void step(long t) throws IOException {
        if (session == null || t >= coldStartAt || !session.validAt(t, 300_000L)) {
            session = w.sts.serviceAssumeRole("lambda.amazonaws.com", function.role(), function.name(), SESSION_SECONDS, t);
            coldStartAt = t + SessionActor.minutes(w.between(60, 180));
            return;
        }
        ApiAction a = w.catalog.lambda.pick(w.rng);
        w.api.call(session, a, function.region(), t, w.pick(function.ips()), UserAgents.LAMBDA_PYTHON, null);
    }
}
