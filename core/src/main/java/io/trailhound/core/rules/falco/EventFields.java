package io.trailhound.core.rules.falco;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Accessors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The generic {@code evt.*} fields Falco gives plugin events. {@code evt.num} is Falco's running
 * event counter; Trailhound reads files in parallel and has no global order, so it is the record's
 * 1-based line number in its input (always {@code > 0}, so {@code evt.num > 0} still means "every
 * event"). Not provided: fields about the capture rather than the event (evt.reltime*,
 * evt.hostname, evt.is_async, evt.asynctype).
 */
final class EventFields {
    private EventFields() {
    }

    static List<FieldDef> definitions() {
        List<FieldDef> d = new ArrayList<>();
        derived(d, "evt.num", FieldType.UINT64, "the record's 1-based line number in its input (Falco: event counter)",
                e -> e.position() == null ? null : Long.toString(Math.max(1, e.position().line())));
        derived(d, "evt.time", FieldType.TIME, "the event time, HH:MM:SS.nnnnnnnnn (UTC)", EventTimes::time);
        derived(d, "evt.time.s", FieldType.TIME, "the event time, HH:MM:SS (UTC)", EventTimes::timeSeconds);
        derived(d, "evt.time.iso8601", FieldType.TIME, "the event time, YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+0000",
                EventTimes::iso8601);
        derived(d, "evt.datetime", FieldType.TIME, "the event date and time, YYYY-MM-DD HH:MM:SS.nnnnnnnnn (UTC)",
                EventTimes::datetime);
        derived(d, "evt.datetime.s", FieldType.TIME, "the event date and time, YYYY-MM-DD HH:MM:SS (UTC)",
                EventTimes::datetimeSeconds);
        derived(d, "evt.rawtime", FieldType.UINT64, "the event time in nanoseconds since the epoch",
                EventTimes::rawNanos);
        derived(d, "evt.rawtime.s", FieldType.UINT64, "the event time in whole seconds since the epoch",
                EventTimes::rawSeconds);
        derived(d, "evt.rawtime.ns", FieldType.UINT64, "the nanosecond part of the event time",
                EventTimes::rawNanosOfSecond);
        add(d, "the plugin that produced the event: cloudtrail", Accessors.constant("evt.pluginname", "cloudtrail"));
        // The summary reads the request's S3 details too.
        add(d, "the plugin's one-line summary of the event",
                Accessors.parsed("evt.plugininfo", SummaryFields::pluginInfo));
        add(d, "the event source: aws_cloudtrail", Accessors.constant("evt.source", "aws_cloudtrail"));
        return d;
    }

    /** A field computed from what the decoder holds (the record's position, its event time). */
    private static void derived(List<FieldDef> d, String name, FieldType type, String description,
                                Function<CloudTrailEvent, Object> read) {
        Accessor a = Accessors.derived(name, read);
        d.add(new FieldDef(name, type, FieldArg.NONE, description, arg -> a));
    }

    private static void add(List<FieldDef> d, String description, Accessor a) {
        d.add(new FieldDef(a.name(), FieldType.STRING, FieldArg.NONE, description, arg -> a));
    }
}
