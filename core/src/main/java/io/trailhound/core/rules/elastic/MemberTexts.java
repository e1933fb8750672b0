package io.trailhound.core.rules.elastic;

import io.trailhound.core.event.CloudTrailEvent;

/**
 * {@link PipelineValues#mapText} of a record's member ({@code aws.cloudtrail.request_parameters}
 * and friends), rendered once per event in each thread: a rule's prefilter and its ES|QL query's
 * {@code WHERE} both read the text of the same event (the SSM SendCommand rule, on kilobytes of
 * parameters), and the query runs outside the engine's per-event memo, so without this the text
 * was built twice. The text is a function of the event alone; each thread keeps only the texts of
 * the event it asked about last (that event stays reachable until its next read).
 */
final class MemberTexts {
    private static final ThreadLocal<MemberTexts> LAST = ThreadLocal.withInitial(MemberTexts::new);
    /** request_parameters, response_elements, service_event_details, and one more. */
    private static final int KEPT = 4;

    private CloudTrailEvent event;
    private final String[] members = new String[KEPT];
    private final String[] texts = new String[KEPT];
    private int size;

    private MemberTexts() {
    }

    /** The text of top-level member {@code member} of {@code e}, or null when it renders to nothing. */
    static String of(CloudTrailEvent e, String member) {
        MemberTexts last = LAST.get();
        if (last.event != e) {
            last.event = e;
            last.size = 0;
        }
        for (int i = 0; i < last.size; i++) {
            if (last.members[i].equals(member)) {
                return last.texts[i];
            }
        }
        String text = PipelineValues.mapText(e.member(member));
        if (last.size < KEPT) {
            last.members[last.size] = member;
            last.texts[last.size++] = text;
        }
        return text;
    }
}
