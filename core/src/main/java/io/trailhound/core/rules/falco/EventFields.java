package io.trailhound.core.rules.falco;

import io.trailhound.core.event.CloudTrailEvent;
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
        add(d, "evt.num", FieldType.UINT64, "the record's 1-based line number in its input (Falco: event counter)",
                e -> e.position() == null ? null : Long.toString(Math.max(1, e.position().line())));
        add(d, "evt.time", FieldType.TIME, "the event time, HH:MM:SS.nnnnnnnnn (UTC)", EventTimes::time);
        add(d, "evt.time.s", FieldType.TIME, "the event time, HH:MM:SS (UTC)", EventTimes::timeSeconds);
        add(d, "evt.time.iso8601", FieldType.TIME, "the event time, YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+0000",
                EventTimes::iso8601);
        add(d, "evt.datetime", FieldType.TIME, "the event date and time, YYYY-MM-DD HH:MM:SS.nnnnnnnnn (UTC)",
                EventTimes::datetime);
        add(d, "evt.datetime.s", FieldType.TIME, "the event date and time, YYYY-MM-DD HH:MM:SS (UTC)",
                EventTimes::datetimeSeconds);
        add(d, "evt.rawtime", FieldType.UINT64, "the event time in nanoseconds since the epoch", EventTimes::rawNanos);
        add(d, "evt.rawtime.s", FieldType.UINT64, "the event time in whole seconds since the epoch",
                EventTimes::rawSeconds);
        add(d, "evt.rawtime.ns", FieldType.UINT64, "the nanosecond part of the event time",
                EventTimes::rawNanosOfSecond);
        add(d, "evt.pluginname", FieldType.STRING, "the plugin that produced the event: cloudtrail", e -> "cloudtrail");
        add(d, "evt.plugininfo", FieldType.STRING, "the plugin's one-line summary of the event",
                SummaryFields::pluginInfo);
        add(d, "evt.source", FieldType.STRING, "the event source: aws_cloudtrail", e -> "aws_cloudtrail");
        return d;
    }

    private static void add(List<FieldDef> d, String name, FieldType type, String description,
                            Function<CloudTrailEvent, Object> read) {
        NamedAccessor a = NamedAccessor.of(name, read);
        d.add(new FieldDef(name, type, FieldArg.NONE, description, arg -> a));
    }
}
