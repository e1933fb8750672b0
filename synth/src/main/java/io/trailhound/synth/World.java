package io.trailhound.synth;

import java.util.List;
import java.util.SplittableRandom;

/** What actors and stories act through: the model, the activity random stream and the event writers. */
final class World {
    final OrgModel model;
    final SplittableRandom rng;
    final Ids ids;
    final EventEmitter out;
    final CredentialIssuer sts;
    final ApiCaller api;
    final ApiCatalog catalog = new ApiCatalog();

    World(OrgModel model, SplittableRandom rng, EventEmitter out) {
        this.model = model;
        this.rng = rng;
        this.ids = new Ids(rng);
        this.out = out;
        this.sts = new CredentialIssuer(model, out, ids);
        this.api = new ApiCaller(out, rng, ids);
    }

    <T> T pick(List<T> list) {
        return list.get(rng.nextInt(list.size()));
    }

    int between(int min, int max) {
        return min + rng.nextInt(max - min + 1);
    }

    /** Mostly us-east-1, sometimes the second region. */
    AwsRegion region() {
        return rng.nextDouble() < 0.85 ? AwsRegion.US_EAST_1 : AwsRegion.EU_WEST_1;
    }
}
