package io.trailhound.flink;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.identity.CredentialLedger;
import io.trailhound.core.identity.Issuance;
import io.trailhound.core.identity.IssuanceKind;
import io.trailhound.core.ingest.BadRecord;
import io.trailhound.core.ingest.EventIdSet;
import io.trailhound.core.rules.engine.Detection;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Stateful;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The per-event work, chained to the file source on the reading task, in parallel: what the event
 * issues (read by the core's ledger), what the stateless rules find and which stateful rules it is
 * a candidate for (the core's {@code Detector}); then the event leaves as its identity and
 * findings, keyed by its credential. Bad records leave as quarantine entries.
 */
final class Prepare extends ProcessFunction<Item, Flow> {
    static final OutputTag<Flow> ENTRIES = new OutputTag<>("ledger-entries") { };
    static final OutputTag<Flow> NEEDS = new OutputTag<>("credential-needs") { };
    /** Bad records, rendered as quarantine lines only where the job's host takes them ({@link TrailhoundJob.Streams#quarantine}). */
    static final OutputTag<BadRecord> QUARANTINE = new OutputTag<>("quarantine") { };
    /** Credentials whose needs this task sent lately: most events repeat a credential just seen. */
    private static final int RECENT = 100_000;

    private final JobOptions options;
    /** Whether the job walks chains past the first hop ({@link LedgerRound}s). */
    private final boolean rounds;
    private transient JobRules rules;
    private transient Map<String, Boolean> recent;
    private transient long[] idBits;

    Prepare(JobOptions options) {
        this.options = options;
        this.rounds = LedgerRound.rounds(options.chainHops) > 0;
    }

    @Override
    public void open(OpenContext context) {
        rules = JobRules.of(options);
        idBits = new long[2];
        recent = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > RECENT;
            }
        };
    }

    @Override
    public void processElement(Item item, Context ctx, Collector<Flow> out) {
        if (item.bad != null) {
            ctx.output(QUARANTINE, item.bad);
            return;
        }
        CloudTrailEvent e = item.event;
        ledgerEntries(e, ctx);
        Detection d = rules.detector == null ? null : rules.detector.detect(e);
        String credential = LedgerIds.credentialOf(e);
        List<Codec.Candidate> candidates = candidates(d);
        // Most events neither alert nor feed a stateful rule: without an events sink, their answer is never read.
        boolean awaited = options.eventsOut != null || !candidates.isEmpty() || (d != null && !d.hits().isEmpty());
        Flow f = new Flow(Flow.EVENT, credential, null, awaited ? Codec.event(e, d, candidates, rules) : null);
        f.time = e.eventTimeMillis();
        EventIdSet.keyOf(Codec.eventId(e), idBits, 0);
        f.idHigh = idBits[0];
        f.idLow = idBits[1];
        out.collect(f);
        if (recent.put(credential, Boolean.TRUE) == null) {
            for (String id : LedgerIds.needsOf(e)) {
                ctx.output(NEEDS, new Flow(Flow.NEED, id, credential, null));
            }
        }
    }

    /**
     * Issuances and SwitchRole links, read by the core's ledger from the event (a throwaway ledger:
     * it keeps them), under each ID they are found by; for the ledger rounds, an issuance's walk
     * goes on from its caller's IDs (round 0 of {@link LedgerRound}).
     */
    private void ledgerEntries(CloudTrailEvent e, Context ctx) {
        if (IssuanceKind.of(e.eventName()) == null && !"SwitchRole".equals(e.eventName())) {
            return;
        }
        CredentialLedger one = new CredentialLedger();
        if (!one.record(e)) {
            return;
        }
        for (Issuance i : one.issuances()) {
            byte[] body = Codec.issuance(i);
            String entry = LedgerHop.entryId(body);
            List<String> callers = rounds ? LedgerIds.needsOf(i) : List.of();
            for (String id : LedgerIds.idsOf(i)) {
                ctx.output(ENTRIES, new Flow(Flow.ENTRY, id, entry, body));
                for (String caller : callers) {
                    ctx.output(ENTRIES, new Flow(Flow.FRONTIER, id, caller, null));
                    ctx.output(ENTRIES, new Flow(Flow.NEED, caller, id, null));
                }
            }
        }
        for (CredentialLedger.SwitchLink s : one.switchLinks()) {
            byte[] body = Codec.switchLink(s);
            ctx.output(ENTRIES, new Flow(Flow.ENTRY, LedgerIds.idOf(s), LedgerHop.entryId(body), body));
        }
    }

    /** Stateful candidates leave the event here, so their message is rendered now (the core renders it only when it alerts). */
    private List<Codec.Candidate> candidates(Detection d) {
        if (d == null || d.candidates().isEmpty()) {
            return List.of();
        }
        List<Codec.Candidate> out = new ArrayList<>(d.candidates().size());
        for (Detection.Candidate c : d.candidates()) {
            CompiledRule r = c.rule();
            String output = c.output();
            Map<String, String> fields = c.fields();
            if (output == null && c.event() != null) {
                output = r.output().render(c.event());
                fields = r.output().fields(c.event());
            }
            byte[] row = c.row() == null ? null : Codec.rows(((Stateful.Query) r.stateful()).query(), c.row());
            out.add(new Codec.Candidate(c.ordinal(), c.keys(), c.value(), c.steps(), output, fields, row));
        }
        return out;
    }
}
