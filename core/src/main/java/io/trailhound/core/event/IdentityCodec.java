package io.trailhound.core.event;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Writes an event's {@link CloudTrailEvent#identityCopy identity copy} (what names and identifies
 * it, the whole userIdentity, where it was read) as bytes and reads it back, for a host that moves
 * events between machines (the Flink job keys them by credential). The raw record does not travel:
 * attribution needs only the identity, and detection runs before the event leaves the reader.
 */
public final class IdentityCodec {
    private IdentityCodec() {
    }

    public static void write(CloudTrailEvent e, DataOutput out) throws IOException {
        out.writeLong(e.eventTimeMillis);
        str(out, e.eventTimeText);
        str(out, e.eventID);
        str(out, e.eventSource);
        str(out, e.eventName);
        str(out, e.awsRegion);
        str(out, e.errorCode);
        str(out, e.recipientAccountId);
        out.writeBoolean(e.sessionCredentialFromConsole);
        SourcePosition p = e.position;
        out.writeBoolean(p != null);
        if (p != null) {
            str(out, p.source());
            out.writeLong(p.byteOffset());
            out.writeLong(p.line());
        }
        UserIdentity u = e.userIdentity;
        out.writeBoolean(u != null);
        if (u != null) {
            write(u, out);
        }
    }

    public static CloudTrailEvent read(DataInput in) throws IOException {
        CloudTrailEvent e = new CloudTrailEvent();
        e.eventTimeMillis = in.readLong();
        e.eventTimeText = str(in);
        e.eventID = str(in);
        e.eventSource = str(in);
        e.eventName = str(in);
        e.awsRegion = str(in);
        e.errorCode = str(in);
        e.recipientAccountId = str(in);
        e.sessionCredentialFromConsole = in.readBoolean();
        if (in.readBoolean()) {
            e.position = new SourcePosition(str(in), in.readLong(), in.readLong());
        }
        e.userIdentity = in.readBoolean() ? readIdentity(in) : null;
        return e.identityCopy(e.userIdentity);
    }

    private static void write(UserIdentity u, DataOutput out) throws IOException {
        str(out, u.type);
        str(out, u.principalId);
        str(out, u.arn);
        str(out, u.accountId);
        str(out, u.accessKeyId);
        str(out, u.userName);
        str(out, u.invokedBy);
        str(out, u.identityProvider);
        str(out, u.credentialId);
        str(out, u.sessionCreationDate);
        out.writeByte(u.mfaAuthenticated == null ? 0 : u.mfaAuthenticated ? 1 : 2);
        str(out, u.sourceIdentity);
        str(out, u.ec2RoleDelivery);
        out.writeBoolean(u.assumedRoot);
        str(out, u.webIdFederatedProvider);
        str(out, u.signInSessionArn);
        UserIdentity.SessionIssuer s = u.sessionIssuer;
        out.writeBoolean(s != null);
        if (s != null) {
            str(out, s.type());
            str(out, s.principalId());
            str(out, s.arn());
            str(out, s.accountId());
            str(out, s.userName());
        }
        str(out, u.onBehalfOfUserId);
        str(out, u.onBehalfOfIdentityStoreArn);
        UserIdentity.InScopeOf scope = u.inScopeOf;
        out.writeBoolean(scope != null);
        if (scope != null) {
            str(out, scope.issuerType());
            str(out, scope.credentialsIssuedTo());
            str(out, scope.sourceArn());
            str(out, scope.sourceAccount());
        }
    }

    private static UserIdentity readIdentity(DataInput in) throws IOException {
        UserIdentity u = new UserIdentity();
        u.type = str(in);
        u.principalId = str(in);
        u.arn = str(in);
        u.accountId = str(in);
        u.accessKeyId = str(in);
        u.userName = str(in);
        u.invokedBy = str(in);
        u.identityProvider = str(in);
        u.credentialId = str(in);
        u.sessionCreationDate = str(in);
        byte mfa = in.readByte();
        u.mfaAuthenticated = mfa == 0 ? null : mfa == 1;
        u.sourceIdentity = str(in);
        u.ec2RoleDelivery = str(in);
        u.assumedRoot = in.readBoolean();
        u.webIdFederatedProvider = str(in);
        u.signInSessionArn = str(in);
        if (in.readBoolean()) {
            u.sessionIssuer = new UserIdentity.SessionIssuer(str(in), str(in), str(in), str(in), str(in));
        }
        u.onBehalfOfUserId = str(in);
        u.onBehalfOfIdentityStoreArn = str(in);
        if (in.readBoolean()) {
            u.inScopeOf = new UserIdentity.InScopeOf(str(in), str(in), str(in), str(in));
        }
        return u;
    }

    /** A nullable string: its UTF-8 length (-1 for null), then the bytes; no length limit, nothing cut. */
    public static void str(DataOutput out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    public static String str(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
