package io.trailhound.synth;

import java.io.IOException;

/** Events AWS services record on their own (eventType AwsServiceEvent): KMS key rotation, secret rotation. */
final class ServiceEventActor extends Actor {

    ServiceEventActor(World w, double weight) {
        super(w, Group.SERVICE_EVENT, weight);
    }

    @Override
    void step(long t) throws IOException {
        Account a = w.pick(w.model.accounts);
        TrailEvent e = w.out.begin();
        e.identityKind = TrailEvent.IdentityKind.SERVICE_EVENT;
        e.identityAccountId = a.id;
        e.time = t;
        e.eventType = "AwsServiceEvent";
        e.recipient = a;
        if (w.rng.nextDouble() < 0.6) {
            String key = "arn:aws:kms:us-east-1:" + a.id + ":key/" + w.pick(a.resources.kmsKeyIds);
            e.identityInvokedBy = "kms.amazonaws.com";
            e.eventSource = "kms.amazonaws.com";
            e.eventName = "RotateKey";
            e.sourceIp = UserAgents.AWS_INTERNAL;
            e.userAgent = UserAgents.AWS_INTERNAL;
            e.additionalEventData = g -> {
                g.writeStartObject();
                g.writeStringField("keyId", key);
                g.writeEndObject();
            };
            e.resources = g -> {
                g.writeStartArray();
                CredentialIssuer.writeResource(g, a.id, "AWS::KMS::Key", key);
                g.writeEndArray();
            };
        } else {
            String secret = "arn:aws:secretsmanager:us-east-1:" + a.id + ":secret:" + w.pick(a.resources.secretNames);
            e.identityInvokedBy = "secretsmanager.amazonaws.com";
            e.eventSource = "secretsmanager.amazonaws.com";
            e.eventName = "RotationSucceeded";
            e.sourceIp = "secretsmanager.amazonaws.com";
            e.userAgent = "secretsmanager.amazonaws.com";
            e.additionalEventData = g -> {
                g.writeStartObject();
                g.writeStringField("SecretId", secret);
                g.writeEndObject();
            };
        }
        w.out.emit();
    }
}
