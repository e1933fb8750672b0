package io.trailhound.core.identity;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Pending credentials that no longer fit in memory, written to a temporary file: the credential's
 * identity, what it waits for, the summary bucket its events were counted in and their count and
 * times. Read back once the ledger has had more issuances, to work out which changed answer.
 * The answer read back keeps its origin, confidence and chain length, and for an unknown origin its
 * generalised reason; not its chain's hops.
 * Strings that repeat across credentials (types, accounts, role ARNs) are written once and then by number.
 */
final class PendingSpill implements AutoCloseable {
    private static final int DICTIONARY = 1 << 14;

    private final Path file;
    private DataOutputStream out;
    private final Map<String, Integer> written = new HashMap<>();
    private long entries;
    /** The ledger's {@link CredentialLedger#changes()} when the first entry was written: nothing earlier matters. */
    private long ledgerChangesAtFirst = -1;

    PendingSpill() {
        try {
            file = Files.createTempFile("trailhound-pending-", ".bin");
            file.toFile().deleteOnExit();
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a file for pending credentials", e);
        }
    }

    long entries() {
        return entries;
    }

    long ledgerChangesAtFirst() {
        return ledgerChangesAtFirst;
    }

    void write(PendingCredential p, long ledgerChanges) {
        if (ledgerChangesAtFirst < 0) {
            ledgerChangesAtFirst = ledgerChanges;
        }
        CredentialIdentity c = p.identity;
        try {
            raw(p.key);
            dict(c.type());
            raw(c.arn());
            raw(c.principalId());
            dict(c.accountId());
            raw(c.accessKeyId());
            raw(c.userName());
            dict(c.invokedBy());
            dict(c.identityProvider());
            raw(c.sessionCreationDate());
            raw(c.sourceIdentity());
            dict(c.ec2RoleDelivery());
            out.writeBoolean(c.assumedRoot());
            dict(c.issuerArn());
            dict(c.issuerUserName());
            raw(c.onBehalfOfUserId());
            dict(c.onBehalfOfIdentityStoreArn());
            dict(c.eventSource());
            dict(c.recipientAccountId());
            Attribution a = p.answer.attribution();
            Origin o = a.origin();
            out.writeBoolean(o != null);
            if (o != null) {
                dict(o.type());
                raw(o.arn());
                raw(o.name());
                dict(o.provider());
                dict(o.account());
            }
            out.writeByte(a.confidence().ordinal());
            // Reasons name keys: kept, generalised, for unknown origins only (what the summary and a comparison need).
            dict(a.confidence() == Confidence.UNKNOWN ? AttributionSummary.generalise(a.reason()) : null);
            out.writeShort(a.chain().size());
            out.writeLong(p.answer.expiresAt());
            raw(p.answer.waitKey());
            raw(p.answer.waitSession());
            AttributionSummary.Bucket b = p.counted;
            out.writeBoolean(b.chain());
            out.writeByte(b.confidence().ordinal());
            dict(b.originType());
            raw(b.originLabel());
            dict(b.reason() == null ? null : AttributionSummary.generalise(b.reason()));
            out.writeLong(p.events);
            out.writeLong(p.firstTime);
            out.writeLong(p.lastTime);
            entries++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pending credentials to " + file, e);
        }
    }

    /** Every entry written, in order, rebuilt; chains come back empty. The file stays for another pass. */
    void forEach(Consumer<PendingCredential> each) {
        try {
            out.flush();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                List<String> dictionary = new ArrayList<>();
                Confidence[] confidences = Confidence.values();
                for (long n = 0; n < entries; n++) {
                    String key = raw(in);
                    CredentialIdentity c = new CredentialIdentity(dict(in, dictionary), raw(in), raw(in), dict(in, dictionary),
                            raw(in), raw(in), dict(in, dictionary), dict(in, dictionary), raw(in), raw(in), dict(in, dictionary),
                            in.readBoolean(), dict(in, dictionary), dict(in, dictionary), raw(in), dict(in, dictionary),
                            dict(in, dictionary), dict(in, dictionary));
                    Origin o = in.readBoolean() ? new Origin(dict(in, dictionary), raw(in), raw(in), dict(in, dictionary),
                            dict(in, dictionary)) : null;
                    Confidence conf = confidences[in.readByte()];
                    String reason = dict(in, dictionary);
                    int hops = in.readShort();
                    List<Hop> chain = new ArrayList<>(hops);
                    for (int i = 0; i < hops; i++) {
                        chain.add(new Hop(null, null, null, null, Long.MIN_VALUE, null, null));
                    }
                    CredentialAnswer answer = new CredentialAnswer(new Attribution(o, conf, reason, chain, List.of()), in.readLong(),
                            raw(in), raw(in));
                    AttributionSummary.Bucket b = new AttributionSummary.Bucket(in.readBoolean(), confidences[in.readByte()],
                            dict(in, dictionary), raw(in), dict(in, dictionary));
                    each.accept(new PendingCredential(key, c, answer, b, in.readLong(), in.readLong(), in.readLong()));
                }
            }
        } catch (EOFException e) {
            throw new IllegalStateException("the pending-credentials file " + file + " ended early", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pending credentials from " + file, e);
        }
    }

    private void raw(String s) throws IOException {
        if (s == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            text(s);
        }
    }

    /** Length and UTF-8 bytes: log fields may be longer than writeUTF allows. */
    private void text(String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** 0: null; 1: new text (numbered if the dictionary has room); 2: a number. Mirrored by the reader. */
    private void dict(String s) throws IOException {
        if (s == null) {
            out.writeByte(0);
            return;
        }
        Integer n = written.get(s);
        if (n != null) {
            out.writeByte(2);
            out.writeShort(n);
            return;
        }
        out.writeByte(1);
        text(s);
        if (written.size() < DICTIONARY) {
            written.put(s, written.size());
        }
    }

    private static String raw(DataInputStream in) throws IOException {
        return in.readByte() == 0 ? null : text(in);
    }

    private static String dict(DataInputStream in, List<String> dictionary) throws IOException {
        switch (in.readByte()) {
            case 0 -> {
                return null;
            }
            case 2 -> {
                return dictionary.get(in.readShort() & 0xffff);
            }
            default -> {
                String s = text(in);
                if (dictionary.size() < DICTIONARY) {
                    dictionary.add(s);
                }
                return s;
            }
        }
    }

    @Override
    public void close() {
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
