package io.trailhound.synth;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Writes ordinary API calls made with a credential: the call lands in the credential's account,
 * global services in us-east-1, console sessions without tlsDetails. A small share fail with the
 * error CloudTrail shows for a denied call.
 */
final class ApiCaller {
    /** Share of ordinary calls that are denied (the brief asks for 2-4 %). */
    static final double ERROR_RATE = 0.03;

    private final EventEmitter out;
    private final SplittableRandom rng;
    private final RequestParameters params;

    ApiCaller(EventEmitter out, SplittableRandom rng, Ids ids) {
        this.out = out;
        this.rng = rng;
        this.params = new RequestParameters(rng, ids);
    }

    /** A call with parameters drawn from the account's resources; may be denied. Returns the eventID. */
    String call(Credential c, ApiAction a, AwsRegion region, long t, String ip, String agent, String instanceId)
            throws IOException {
        return call(c, a, region, t, ip, agent, instanceId, true);
    }

    /** As {@link #call(Credential, ApiAction, AwsRegion, long, String, String, String)}; {@code mayFail} false never denies. */
    String call(Credential c, ApiAction a, AwsRegion region, long t, String ip, String agent, String instanceId,
                boolean mayFail) throws IOException {
        TrailEvent e = start(c, a, region, t, ip, agent);
        params.prepare(a, c.account, e.region, instanceId);
        if (params.hasBody()) {
            e.requestParameters = params;
        }
        if (a.params == ApiAction.Params.KMS_DECRYPT) {
            e.resources = params.kmsResources;
        }
        if (mayFail && rng.nextDouble() < ERROR_RATE) {
            deny(e, c, a, params.resourceArn());
        }
        return out.emit();
    }

    /** A call with exactly the given parameters and response (attack stories); never denied. */
    String callWith(Credential c, ApiAction a, AwsRegion region, long t, String ip, String agent, JsonBody request,
                    JsonBody response) throws IOException {
        TrailEvent e = start(c, a, region, t, ip, agent);
        e.requestParameters = request;
        e.responseElements = response;
        return out.emit();
    }

    private TrailEvent start(Credential c, ApiAction a, AwsRegion region, long t, String ip, String agent) {
        TrailEvent e = out.begin();
        e.eventVersion = a.eventVersion;
        e.credential = c;
        e.time = t;
        e.eventSource = a.eventSource;
        e.eventName = a.eventName;
        e.region = a.global ? AwsRegion.US_EAST_1 : region;
        e.sourceIp = ip;
        e.userAgent = agent;
        e.readOnly = a.readOnly;
        e.recipient = c.account;
        if (!c.fromConsole()) {
            e.tlsHost = a.host(e.region);
            e.tls13 = (t & 1) == 0;
        }
        return e;
    }

    private static void deny(TrailEvent e, Credential c, ApiAction a, String resource) {
        if (a.service.equals("ec2")) {
            e.errorCode = "Client.UnauthorizedOperation";
            e.errorMessage = "You are not authorized to perform this operation. User: " + c.arn
                    + " is not authorized to perform: " + a.iamAction
                    + " because no identity-based policy allows the " + a.iamAction + " action";
        } else if (a.service.equals("s3")) {
            e.errorCode = "AccessDenied";
            e.errorMessage = "Access Denied";
        } else {
            e.errorCode = "AccessDenied";
            e.errorMessage = "User: " + c.arn + " is not authorized to perform: " + a.iamAction + " on resource: "
                    + resource + " because no identity-based policy allows the " + a.iamAction + " action";
        }
    }
}
