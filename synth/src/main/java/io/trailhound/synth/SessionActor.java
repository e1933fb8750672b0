package io.trailhound.synth;

import java.io.IOException;

/**
 * An actor that works in sessions: it obtains credentials, makes calls with them for a while,
 * and starts over when they expire or the burst of work is done. State is one {@link Work}.
 */
abstract class SessionActor extends Actor {
    private static final long EXPIRY_MARGIN = 60_000L;

    /** The current session: what signs the calls, where they come from, what they are. */
    static final class Work {
        Credential credential;
        ApiCatalog.Persona persona;
        AwsRegion region;
        String ip;
        String agent;
        int callsLeft;
        /** The session is not abandoned before this time even if its calls are used up. */
        long minEnd;

        Work(Credential credential, ApiCatalog.Persona persona, AwsRegion region, String ip, String agent,
             int calls, long minEnd) {
            this.credential = credential;
            this.persona = persona;
            this.region = region;
            this.ip = ip;
            this.agent = agent;
            this.callsLeft = calls;
            this.minEnd = minEnd;
        }
    }

    protected Work work;

    SessionActor(World w, Group group, double weight) {
        super(w, group, weight);
    }

    @Override
    final void step(long t) throws IOException {
        if (work == null || over(t)) {
            long before = w.out.count();
            work = begin(t);
            if (w.out.count() > before) {
                return;
            }
        } else if (followUp(t)) {
            return;
        }
        call(t);
    }

    private boolean over(long t) {
        return !work.credential.validAt(t, EXPIRY_MARGIN) || (work.callsLeft <= 0 && t >= work.minEnd);
    }

    /** Starts a new session, writing the events that obtain its credentials (none if cached ones are reused). */
    abstract Work begin(long t) throws IOException;

    /** A pending step of the session (switch role, chain, root task); true if it wrote events. */
    boolean followUp(long t) throws IOException {
        return false;
    }

    void call(long t) throws IOException {
        ApiAction a = work.persona.pick(w.rng);
        w.api.call(work.credential, a, work.region, t, work.ip, agentFor(a), null);
        work.callsLeft--;
    }

    /** Console calls show the console as agent (the S3 console its own); others the session's tool. */
    String agentFor(ApiAction a) {
        if (work.credential.fromConsole()) {
            return a.service.equals("s3") ? UserAgents.S3_CONSOLE : UserAgents.CONSOLE;
        }
        return work.agent;
    }

    static long minutes(double m) {
        return (long) (m * 60_000L);
    }
}
