package io.trailhound.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compact spill format gives back what was written: identity, answer as kept, counts and times. */
class PendingSpillTest {

    private static CredentialIdentity identity(String key, String arn, String sourceIdentity) {
        return new CredentialIdentity("AssumedRole", arn, "AROAEXAMPLE:" + key, "111111111111", key, null, null, null,
                "2026-11-01T08:00:00Z", sourceIdentity, null, false, "arn:aws:iam::111111111111:role/Ops", "Ops", null, null,
                null, null);
    }

    private static PendingCredential pending(CredentialIdentity c, Attribution a, long expiresAt, String waitKey, String waitSession,
                                             boolean chain, long events, long first, long last) {
        CredentialAnswer answer = new CredentialAnswer(a, expiresAt, waitKey, waitSession);
        return new PendingCredential(c.accessKeyId(), c, answer, AttributionSummary.Bucket.of(chain, a), events, first, last);
    }

    @Test
    void everyKeptFieldComesBackAcrossBlocksWithRepeatsAndBackReferences() {
        String longName = "x".repeat(100_000); // longer than a block: the buffer grows for it
        List<PendingCredential> written = new ArrayList<>();
        try (PendingSpill spill = new PendingSpill()) {
            for (int i = 0; i < 3000; i++) {
                String key = String.format("ASIASPILL%011d", i);
                String arn = "arn:aws:sts::111111111111:assumed-role/Ops/s" + i;
                PendingCredential p = switch (i % 4) {
                    // The session name alone: waits for its own key and its session (back-references to both).
                    case 0 -> pending(identity(key, arn, null), new Attribution(Origin.named("SessionName", "s" + i, null, null),
                            Confidence.INFERRED, "issuance not read yet", List.of(), List.of()), Long.MAX_VALUE, key, arn, true,
                            i, 1_700_000_000_000L + i, 1_700_000_000_000L + 2 * i);
                    // Unknown: the reason is kept generalised; an expiry and a chain of two.
                    case 1 -> pending(identity(key, arn, null), new Attribution(null, Confidence.UNKNOWN,
                            "no issuance of key " + key + " in the logs read", List.of(hop(key), hop("ASIACALLER0000000001")),
                            List.of()), 1_700_000_360_000L, "ASIACALLER0000000001", null, true, 1, 5, 5);
                    // Not ASCII, and a field longer than a block.
                    case 2 -> pending(identity(key, arn, "Zoë-" + longName), new Attribution(Origin.named("SourceIdentity",
                            "Zoë-" + longName, null, null), Confidence.ASSERTED, "r", List.of(), List.of()), Long.MAX_VALUE, key,
                            null, false, 7, -3, 4);
                    default -> pending(identity(key, arn, null), new Attribution(Origin.arn("IAMUser",
                            "arn:aws:iam::111111111111:user/alice", "111111111111"), Confidence.ASSERTED, null, List.of(hop(key)),
                            List.of()), 1_700_000_000_000L, "ASIACALLER0000000002", "arn:aws:sts::111111111111:assumed-role/Ci/x",
                            true, 2, 10, 20);
                };
                spill.write(p, 4);
                written.add(p);
            }
            assertThat(spill.entries()).isEqualTo(3000);
            assertThat(spill.ledgerChangesAtFirst()).isEqualTo(4);
            assertReadBackTwice(spill, written);
            assertThat(spill.file()).isNotNull(); // the 100 kB field alone outgrew the blocks kept in memory
        }
    }

    /**
     * Strings written as what they add to the same field's last value: shared prefixes of every
     * length (none, short, whole, longer than the string before), non-ASCII and surrogate pairs
     * before, inside and after a shared part, nulls in between, back-references; held in
     * memory, and the same once the blocks outgrow memory and move to a file.
     */
    @Test
    void prefixesSharedWithTheFieldBeforeComeBackExactlyInMemoryAndInAFile() {
        String[] arns = {"arn:aws:sts::111111111111:assumed-role/Ops/alice", "arn:aws:sts::111111111111:assumed-role/Ops/alice",
                "arn:aws:sts::111111111111:assumed-role/Ops/alice-2", "arn:aws:sts::111111111111:assumed-role/Ops/al",
                "arn:aws:sts::111111111111:assumed-role/Opé/bob", "arn:aws:sts::111111111111:assumed-role/Opé/bobby",
                "arn:aws:sts::111111111111:assumed-role/Ops/bob?x", "arn:aws:sts::111111111111:assumed-role/Ops/bob\uD83D\uDE00",
                "arn:aws:sts::111111111111:assumed-role/Ops/bob\uD83D\uDE01x", "arn", "arn:", "x", "arn:aws:sts::2", "\uD83D\uDE00 emoji",
                "\uD83D\uDE01 emoji", "ar\uD83D\uDE00", "arn:aws:sts::111111111111:assumed-role/Ops/Zoë"};
        for (int memoryBlocks : new int[] {PendingSpill.MEMORY_BLOCKS, 0}) {
            List<PendingCredential> written = new ArrayList<>();
            try (PendingSpill spill = new PendingSpill(memoryBlocks)) {
                for (int i = 0; i < 20 * arns.length; i++) {
                    String arn = arns[i % arns.length];
                    String key = i % 7 == 3 ? null : String.format("ASIAPREFIX%010d", i * 7919 % 1000);
                    String name = arn.substring(arn.lastIndexOf('/') + 1);
                    CredentialIdentity c = new CredentialIdentity("AssumedRole", i % 5 == 2 ? null : arn, "AROAEXAMPLE:" + name,
                            "111111111111", key, null, null, null, i % 3 == 0 ? "2026-11-01T08:00:00Z" : "2026-11-01T08:00:0" + (i % 10)
                            + ".5Z", null, null, false, "arn:aws:iam::111111111111:role/Ops", "Ops", null, null, null, null);
                    PendingCredential p = new PendingCredential(key == null ? "id:" + i : key, c, new CredentialAnswer(
                            new Attribution(Origin.named("SessionName", name, null, null), Confidence.INFERRED, null, List.of(),
                                    List.of()), Long.MAX_VALUE, key, c.arn()), AttributionSummary.Bucket.of(true,
                            new Attribution(Origin.named("SessionName", name, null, null), Confidence.INFERRED, null, List.of(),
                                    List.of())), 1, i, i);
                    spill.write(p, 0);
                    written.add(p);
                }
                assertReadBackTwice(spill, written);
                if (memoryBlocks == 0) {
                    assertThat(spill.file()).isNotNull();
                } else {
                    assertThat(spill.file()).isNull();
                }
            }
        }
    }

    /**
     * The dictionary of repeated words is looked up by the last chars of a word ({@link TailHash}):
     * role ARNs of two accounts that end alike (same length, same tail) and hundreds of roles (the
     * table grows past its first size) each come back as themselves.
     */
    @Test
    void wordsWhoseTailsAreTheSameComeBackAsThemselves() {
        List<PendingCredential> written = new ArrayList<>();
        try (PendingSpill spill = new PendingSpill()) {
            for (int i = 0; i < 4000; i++) {
                String account = i % 2 == 0 ? "111111111111" : "222222222222";
                String role = String.format("App-%06d", i * 7 % 600);
                String key = String.format("ASIAWORDS%011d", i);
                String arn = "arn:aws:sts::" + account + ":assumed-role/" + role + "/s" + i;
                CredentialIdentity c = new CredentialIdentity("AssumedRole", arn, "AROAEXAMPLE:s" + i, account, key, null, null, null,
                        "2026-11-01T08:00:00Z", null, null, false, "arn:aws:iam::" + account + ":role/" + role, role, null, null,
                        null, null);
                written.add(pending(c, new Attribution(Origin.named("SessionName", "s" + i, null, null), Confidence.INFERRED, "r",
                        List.of(), List.of()), Long.MAX_VALUE, key, arn, true, 1, i, i));
                spill.write(written.get(i), 0);
            }
            assertReadBackTwice(spill, written);
        }
        assertThat(TailHash.of("arn:aws:iam::111111111111:role/App-000001"))
                .isEqualTo(TailHash.of("arn:aws:iam::222222222222:role/App-000001")); // the case above is a real collision
    }

    @Test
    void entriesTakenBackAreReadPastAndNotCounted() {
        List<PendingCredential> kept = new ArrayList<>();
        try (PendingSpill spill = new PendingSpill()) {
            for (int i = 0; i < 50; i++) {
                String key = String.format("ASIAKILL%012d", i);
                String arn = "arn:aws:sts::111111111111:assumed-role/Ops/s" + i;
                PendingCredential p = pending(identity(key, arn, null), new Attribution(Origin.named("SessionName", "s" + i, null,
                        null), Confidence.INFERRED, "r", List.of(), List.of()), Long.MAX_VALUE, key, arn, true, 1, i, i);
                long entry = spill.write(p, 0);
                assertThat(entry).isEqualTo(i);
                if (i % 3 == 0) {
                    spill.kill(entry);
                    spill.kill(entry); // twice is once
                } else {
                    kept.add(p);
                }
            }
            assertThat(spill.entries()).isEqualTo(50);
            assertThat(spill.live()).isEqualTo(kept.size());
            assertReadBackTwice(spill, kept);
        }
    }

    /** A reading thread's spill hands out only what the stage claimed and did not take back; memory blocks come from one budget. */
    @Test
    void aReadingThreadsSpillHandsOutOnlyClaimedEntries() {
        List<PendingCredential> kept = new ArrayList<>();
        PendingSpill.Budget budget = new PendingSpill.Budget(1);
        try (PendingSpill spill = new PendingSpill(budget, true)) {
            for (int i = 0; i < 3000; i++) {
                String key = String.format("ASIACLAIM%011d", i);
                String arn = "arn:aws:sts::111111111111:assumed-role/Ops/s" + i;
                PendingCredential p = pending(identity(key, arn, null), new Attribution(Origin.named("SessionName", "s" + i, null,
                        null), Confidence.INFERRED, "r", List.of(), List.of()), Long.MAX_VALUE, key, arn, true, 1, i, i);
                long entry = spill.write(p, 0);
                if (i % 3 == 1) {
                    spill.claim(entry);
                    spill.claim(entry); // twice is once
                    kept.add(p);
                } else if (i % 3 == 2) {
                    spill.claim(entry);
                    spill.kill(entry); // claimed, then taken back
                }
            }
            assertThat(spill.entries()).isEqualTo(3000);
            assertThat(spill.live()).isEqualTo(1000);
            assertReadBackTwice(spill, kept);
            assertThat(spill.file()).isNotNull(); // past the one block the budget allows
            assertThat(budget.take()).isTrue(); // moving to the file gave its block back
        }
    }

    /** Strings that share a prefix with the field's last value, ASCII or not, either way round. */
    @Test
    void prefixesSharedWithAsciiAndNotAsciiValuesComeBack() {
        String[] names = {"session-alpha-1", "session-alpha-\u00e9t\u00e9", "session-alpha-\u00e9t\u00e9-2", "session-alpha-3",
                "session-\ud83d\ude00", "session-\ud800-lone", "session-\ud800-lone-2", "session-beta"};
        List<PendingCredential> written = new ArrayList<>();
        try (PendingSpill spill = new PendingSpill()) {
            for (int i = 0; i < names.length; i++) {
                String key = String.format("ASIAUTF8%012d", i);
                String arn = "arn:aws:sts::111111111111:assumed-role/Ops/" + names[i];
                PendingCredential p = pending(identity(key, arn, names[i]), new Attribution(Origin.named("SourceIdentity", names[i],
                        null, null), Confidence.ASSERTED, "r", List.of(), List.of()), Long.MAX_VALUE, key, arn, true, 1, i, i);
                spill.write(p, 0);
                written.add(p);
            }
            List<PendingCredential> read = new ArrayList<>();
            spill.forEach(read::add);
            assertThat(read).hasSize(names.length);
            for (int i = 0; i < names.length; i++) {
                // An unpaired surrogate has no UTF-8 form: it comes back as '?', as before; everything else exactly.
                String expected = names[i].replace("\ud800", "?");
                assertThat(read.get(i).identity.sourceIdentity()).isEqualTo(expected);
                assertThat(read.get(i).identity.arn()).isEqualTo("arn:aws:sts::111111111111:assumed-role/Ops/" + expected);
                assertThat(read.get(i).answer.attribution().origin().name()).isEqualTo(expected);
            }
        }
    }

    /**
     * Values of one field that share a long prefix with the one before, ASCII (written as what they
     * add) and not (written whole), of growing length so that each lands at every offset of a
     * block's end: every one comes back exactly, in memory and in a file.
     */
    @Test
    void valuesSharingAPrefixComeBackAtEveryBlockBoundary() {
        for (int memoryBlocks : new int[] {PendingSpill.MEMORY_BLOCKS, 0}) {
            List<PendingCredential> written = new ArrayList<>();
            try (PendingSpill spill = new PendingSpill(memoryBlocks)) {
                for (int i = 0; i < 1500; i++) {
                    String key = String.format("ASIASTEP%012d", i);
                    String pad = "p".repeat(i % 97);
                    // odd entries: the same prefix as the entry before, then a non-ASCII tail (late, so most of it is copied first)
                    String name = "session-" + pad + (i % 2 == 0 ? "-plain-" + i : "-" + "q".repeat(i % 13) + "\u00e9\ud83d\ude00" + i);
                    String arn = "arn:aws:sts::111111111111:assumed-role/Ops/" + name;
                    PendingCredential p = pending(identity(key, arn, name), new Attribution(Origin.named("SourceIdentity", name,
                            null, null), Confidence.ASSERTED, "r", List.of(), List.of()), Long.MAX_VALUE, key, arn, true, 1, i, i);
                    spill.write(p, 0);
                    written.add(p);
                }
                assertReadBackTwice(spill, written);
                assertThat(spill.file() != null).isEqualTo(memoryBlocks == 0);
            }
        }
    }

    /**
     * Blocks in memory live outside the heap and are given back when a spill closes or moves to its
     * file: a second spill of the same size takes them again and allocates none; what it reads back
     * is its own (a block reused holds nothing of the spill before), also where one entry outgrew a
     * block and took several.
     */
    @Test
    void blocksGivenBackAreTakenAgainAndHoldOnlyTheNewSpillsEntries() {
        String longName = "y".repeat(150_000); // past two blocks: one flush of it takes three
        for (int round = 0; round < 3; round++) {
            long allocatedBefore = PendingSpill.blocksAllocated();
            List<PendingCredential> written = new ArrayList<>();
            try (PendingSpill spill = new PendingSpill(8)) {
                for (int i = 0; i < 2000; i++) {
                    String key = String.format("ASIAPOOL%d%011d", round, i);
                    String arn = "arn:aws:sts::111111111111:assumed-role/Ops/r" + round + "s" + i;
                    String source = i == 700 ? longName : null;
                    PendingCredential p = pending(identity(key, arn, source), new Attribution(Origin.named("SessionName",
                            "r" + round + "s" + i, null, null), Confidence.INFERRED, "r", List.of(), List.of()), Long.MAX_VALUE,
                            key, arn, true, 1 + round, i, i + round);
                    spill.write(p, 0);
                    written.add(p);
                }
                assertReadBackTwice(spill, written);
                assertThat(spill.file()).isNull(); // about 200 kB: within the 8 blocks
            }
            if (round > 0) {
                assertThat(PendingSpill.blocksAllocated()).isEqualTo(allocatedBefore);
            }
        }
        // Past its budget a spill moves to its file, and gives its blocks back there and then.
        List<PendingCredential> written = new ArrayList<>();
        try (PendingSpill spill = new PendingSpill(1)) {
            for (int i = 0; i < 3000; i++) {
                String key = String.format("ASIAFILE%012d", i);
                String arn = "arn:aws:sts::111111111111:assumed-role/Ops/f" + i;
                PendingCredential p = pending(identity(key, arn, null), new Attribution(Origin.named("SessionName", "f" + i, null,
                        null), Confidence.INFERRED, "r", List.of(), List.of()), Long.MAX_VALUE, key, arn, true, 1, i, i);
                spill.write(p, 0);
                written.add(p);
            }
            long allocatedBefore = PendingSpill.blocksAllocated();
            try (PendingSpill other = new PendingSpill(1)) {
                other.write(written.get(0), 0);
                other.forEach(p -> { });
            }
            assertThat(PendingSpill.blocksAllocated()).isEqualTo(allocatedBefore);
            assertThat(spill.file()).isNotNull();
            assertReadBackTwice(spill, written);
        }
    }

    /** Every entry comes back as kept, twice (the entries stay for another pass). */
    private static void assertReadBackTwice(PendingSpill spill, List<PendingCredential> written) {
        assertReadBackTwice(spill, written, null);
    }

    /** As above, reading answers written as blank with {@code blank} (null: none was). */
    private static void assertReadBackTwice(PendingSpill spill, List<PendingCredential> written,
                                            java.util.function.Function<CredentialIdentity, CredentialAnswer> blank) {
        for (int pass = 0; pass < 2; pass++) {
            List<PendingCredential> read = new ArrayList<>();
            if (blank == null) {
                spill.forEach(read::add);
            } else {
                spill.forEach(blank, read::add);
            }
            assertThat(read).hasSize(written.size());
            for (int i = 0; i < read.size(); i++) {
                PendingCredential w = written.get(i), r = read.get(i);
                assertThat(r.key).isEqualTo(w.key);
                assertThat(r.identity).isEqualTo(w.identity);
                Attribution wa = w.answer.attribution(), ra = r.answer.attribution();
                assertThat(ra.origin()).isEqualTo(wa.origin());
                assertThat(ra.confidence()).isEqualTo(wa.confidence());
                assertThat(ra.reason()).isEqualTo(wa.confidence() == Confidence.UNKNOWN ? AttributionSummary.generalise(wa.reason())
                        : null);
                assertThat(ra.chain()).hasSameSizeAs(wa.chain());
                assertThat(r.answer.expiresAt()).isEqualTo(w.answer.expiresAt());
                assertThat(r.answer.waitKey()).isEqualTo(w.answer.waitKey());
                assertThat(r.answer.waitSession()).isEqualTo(w.answer.waitSession());
                assertThat(r.counted).isEqualTo(AttributionSummary.Bucket.of(w.counted.chain(), ra));
                assertThat(r.counted.chain()).isEqualTo(w.counted.chain());
                assertThat(new long[] {r.events, r.firstTime, r.lastTime}).containsExactly(w.events, w.firstTime, w.lastTime);
            }
        }
    }

    /**
     * An answer the identity alone gives is written as a flag and worked out again when read back:
     * it comes back as the same answer written out would (fallbacks of every kind, a trust policy
     * that pins session names, an IAM user's temporary key), between entries written out whole.
     */
    @Test
    void blankAnswersComeBackAsTheSameAnswersWrittenOut() throws Exception {
        TrustPolicies trust = TrustPolicies.none();
        trust.add("arn:aws:iam::111111111111:role/Pinned", new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},"
                        + "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:RoleSessionName\":\"${aws:username}\"}}}]}"));
        java.util.function.Function<CredentialIdentity, CredentialAnswer> blank = PendingCredential.blank(trust);
        List<CredentialIdentity> identities = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String key = String.format("ASIABLANK%011d", i);
            String role = switch (i % 5) {
                case 0 -> "Pinned";
                case 1 -> "AWSReservedSSO_Admin_0123456789abcdef";
                default -> "App" + i % 3;
            };
            String session = i % 5 == 2 ? "i-0123456789abcdef" + i % 10 : "user" + i;
            String arn = "arn:aws:sts::111111111111:assumed-role/" + role + "/" + session;
            identities.add(new CredentialIdentity(i % 7 == 6 ? "FederatedUser" : "AssumedRole", i % 11 == 10 ? null : arn,
                    "AROAEXAMPLE:" + session, "111111111111", key, null, null, null, "2026-11-01T08:00:0" + i % 10 + "Z",
                    i % 5 == 3 ? "carol" : null, i % 13 == 12 ? "ec2" : null, false, "arn:aws:iam::111111111111:role/" + role, role,
                    null, null, null, null));
            identities.add(new CredentialIdentity("IAMUser", "arn:aws:iam::111111111111:user/u" + i, "AIDAEXAMPLE" + i,
                    "111111111111", key.replace("BLANK", "USERK"), "u" + i, null, null, null, null, null, false, null, null,
                    null, null, null, null));
        }
        for (int memoryBlocks : new int[] {PendingSpill.MEMORY_BLOCKS, 0}) {
            List<PendingCredential> written = new ArrayList<>();
            try (PendingSpill spill = new PendingSpill(memoryBlocks)) {
                for (int i = 0; i < identities.size(); i++) {
                    CredentialIdentity c = identities.get(i);
                    CredentialAnswer a = blank.apply(c);
                    assertThat(a.pending()).isTrue();
                    PendingCredential p = new PendingCredential(c.accessKeyId(), c, a,
                            AttributionSummary.Bucket.of(c.needsChain(), a.attribution()), i + 1, 100L * i, 100L * i + 7);
                    p.blankAnswer = i % 3 != 1; // every third written out whole, between blank ones
                    spill.write(p, 0);
                    written.add(p);
                }
                assertReadBackTwice(spill, written, blank);
                List<PendingCredential> read = new ArrayList<>();
                spill.forEach(blank, read::add);
                for (int i = 0; i < read.size(); i++) {
                    assertThat(read.get(i).blankAnswer).isEqualTo(written.get(i).blankAnswer);
                }
            }
        }
    }

    private static Hop hop(String key) {
        return new Hop("arn:aws:sts::111111111111:assumed-role/Ops/s", key, "e", "AssumeRole", 1L, "111111111111", "key");
    }
}
