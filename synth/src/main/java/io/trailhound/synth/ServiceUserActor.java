package io.trailhound.synth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Automation holding an IAM user's long-term key: assumes a role in a workload account (ci-deploy,
 * terraform), calls directly with the key (backup, monitoring, alternating its two keys), or gets
 * a federation token (legacy S3 sync).
 */
final class ServiceUserActor extends SessionActor {
    enum Mode { ASSUME, DIRECT, FEDERATE }

    private final IamUser user;
    private final Mode mode;
    private final Role.Purpose rolePurpose;
    private final ApiCatalog.Persona persona;
    private final String agent;
    private final String ip;
    private final List<Credential> keys = new ArrayList<>();
    private int nextKey;

    ServiceUserActor(World w, IamUser user, Mode mode, Role.Purpose rolePurpose, ApiCatalog.Persona persona,
                     String agent, double weight) {
        super(w, Group.SERVICE_USER, weight);
        this.user = user;
        this.mode = mode;
        this.rolePurpose = rolePurpose;
        this.persona = persona;
        this.agent = agent;
        this.ip = Addresses.draw(w.rng, Addresses.ISP);
        for (AccessKey k : user.keys) {
            keys.add(Credential.userKey(user, k));
        }
    }

    @Override
    Work begin(long t) throws IOException {
        Credential key = keys.get(nextKey++ % keys.size());
        return switch (mode) {
            case ASSUME -> {
                Role role = w.pick(w.model.workloadAccounts()).role(rolePurpose);
                Credential session = w.sts.assumeRole(key, role, user.name, null, 3600, t, ip, agent);
                yield new Work(session, persona, w.region(), ip, agent, w.between(10, 60), t + minutes(5));
            }
            case DIRECT -> new Work(key, persona, w.region(), ip, agent, w.between(5, 30), t);
            case FEDERATE -> {
                Credential fed = w.sts.getFederationToken(key, "s3sync-" + w.between(100, 999), 4 * 3600, t, ip, agent);
                yield new Work(fed, persona, AwsRegion.US_EAST_1, ip, agent, w.between(10, 40), t + minutes(5));
            }
        };
    }
}
