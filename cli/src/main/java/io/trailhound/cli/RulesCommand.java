package io.trailhound.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.engine.Explain;
import io.trailhound.core.rules.LoadProblem;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.rules.RuleFormats;
import io.trailhound.core.rules.RuleFrontEnd;
import io.trailhound.core.rules.RuleJson;
import io.trailhound.core.rules.RuleSource;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.RuleInfo;
import io.trailhound.core.scan.Scan;
import io.trailhound.core.scan.ScanOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"Work with detection rules: list what would run, validate rule files, test rules on events, "
                + "and list the fields rules can use.",
            "",
            "Rule files are given as FORMAT:PATH (falco:, elastic:, sigma:) or as a bare path, whose format is then "
                + "taken from the file: .toml is Elastic; YAML with a 'detection' section is Sigma; other YAML is Falco."},
        subcommands = {RulesCommand.ListRules.class, RulesCommand.Validate.class, RulesCommand.TestRules.class,
            RulesCommand.Fields.class})
final class RulesCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "name a subcommand: list, validate, test or fields");
    }

    /** Sources for bare paths and FORMAT:PATH alike; a directory's files are classified one by one. */
    static List<RuleSource> sources(List<String> specs) {
        List<RuleSource> out = new ArrayList<>();
        RuleFormats formats = RuleFormats.standard();
        for (String spec : specs) {
            int colon = spec.indexOf(':');
            if (colon > 0 && formats.byId(spec.substring(0, colon)) != null) {
                out.add(RuleSource.parse(spec));
                continue;
            }
            Path p = Path.of(spec);
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(f -> {
                        RuleFormat fmt = guess(f);
                        if (fmt != null) {
                            out.add(new RuleSource(fmt, f));
                        }
                    });
                } catch (IOException | UncheckedIOException e) {
                    throw new IllegalArgumentException("cannot list " + spec + ": " + e.getMessage());
                }
            } else if (Files.isRegularFile(p)) {
                RuleFormat fmt = guess(p);
                if (fmt == null) {
                    throw new IllegalArgumentException(spec + ": not a rule file (" + either(formats.extensions())
                            + "); name its format as " + either(formats.ids().stream().map(id -> id + ":").toList()));
                }
                out.add(new RuleSource(fmt, p));
            } else {
                throw new IllegalArgumentException(spec + ": no such file or directory");
            }
        }
        return out;
    }

    /**
     * The format of a rule file from its name and, where languages share an extension, its content
     * (the registry's front ends decide); null when not a rule file.
     */
    static RuleFormat guess(Path f) {
        RuleFrontEnd fe = RuleFormats.standard().sniff(f);
        return fe == null ? null : fe.format();
    }

    /** {@code a, b or c}. */
    private static String either(List<String> words) {
        int last = words.size() - 1;
        return last <= 0 ? String.join("", words) : String.join(", ", words.subList(0, last)) + " or " + words.get(last);
    }

    static String status(RuleInfo r) {
        return r.enabled() ? "enabled" : "disabled: " + (r.disabledReason() == null ? "off" : r.disabledReason());
    }

    static String type(RuleInfo r) {
        return RuleJson.type(r);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List the rules a scan with the same rule options would load: format, type, status "
                    + "(and why a rule is off), severity, where it is defined, and data it needs that the run may lack."})
    static final class ListRules implements Callable<Integer> {
        @Mixin
        RuleOptions rules;

        @Option(names = "--format", defaultValue = "table", description = "table, json or ndjson (default: ${DEFAULT-VALUE}).")
        OutputFormat format;

        @Override
        public Integer call() {
            RuleOptions.Loaded loaded = rules.load(System.err, true);
            PrintStream out = System.out;
            switch (format) {
                case table -> {
                    Table t = new Table("format", "type", "status", "severity", "rule", "where", "needs");
                    for (CompiledRule c : loaded.rules()) {
                        RuleInfo r = c.info();
                        t.row(r.format().id(), type(r), status(r), r.severity() == null ? "" : r.severity().id(), r.name(),
                                r.file() + (r.line() > 0 ? ":" + r.line() : ""), String.join("; ", r.needs()));
                    }
                    t.print(out);
                    long on = loaded.rules().stream().filter(c -> c.info().enabled()).count();
                    out.printf(Locale.ROOT, "%n%,d rules, %,d enabled, %,d skipped as not for CloudTrail%n",
                            loaded.rules().size(), on, loaded.result().skipped().size());
                }
                case json -> {
                    ObjectNode o = Json.object();
                    ArrayNode arr = o.putArray("rules");
                    loaded.rules().forEach(c -> arr.add(RuleJson.of(c)));
                    Json.print(out, o, format);
                }
                case ndjson -> loaded.rules().forEach(c -> Json.print(out, RuleJson.of(c), format));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Load rule files and report every error, warning and notice with file, line and column, "
                    + "then the counts: loaded, enabled, disabled (with reasons), skipped (not for CloudTrail), failed."},
            footer = {"", "Exit codes: 0 no errors; 2 errors (or unreadable paths)."})
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "PATH", arity = "1..*", description = "Rule files or directories, FORMAT:PATH or bare.")
        List<String> paths;

        @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
        OutputFormat format;

        @Mixin
        GeoIpOptions geoip = new GeoIpOptions();

        @Override
        public Integer call() {
            LoadResult r = geoip.loader().load(sources(paths));
            long enabled = r.rules().stream().filter(c -> c.info().enabled()).count();
            long errors = r.errors().size();
            java.util.Map<String, Long> disabled = new java.util.TreeMap<>();
            r.rules().stream().filter(c -> !c.info().enabled()).forEach(c -> disabled.merge(
                    c.info().disabledReason() == null ? "off" : c.info().disabledReason(), 1L, Long::sum));
            PrintStream out = System.out;
            if (format == OutputFormat.table) {
                for (LoadProblem p : r.problems()) {
                    out.println(TerminalText.escape(p.toString()));
                }
                for (LoadResult.Skipped s : r.skipped()) {
                    out.println(TerminalText.escape(s.file() + (s.line() > 0 ? ":" + s.line() : "") + ": skipped: rule '"
                            + s.rule() + "': " + s.reason()));
                }
                out.printf(Locale.ROOT, "%,d loaded, %,d enabled, %,d disabled, %,d skipped, %,d failed (errors)%n",
                        r.rules().size(), enabled, r.rules().size() - enabled, r.skipped().size(), errors);
                disabled.forEach((why, n) -> out.printf(Locale.ROOT, "  disabled: %s: %,d%n", TerminalText.escape(why), n));
            } else {
                ObjectNode o = Json.object();
                o.put("loaded", r.rules().size()).put("enabled", enabled).put("disabled", r.rules().size() - enabled)
                        .put("skipped", r.skipped().size()).put("failed", errors);
                ObjectNode dis = o.putObject("disabledByReason");
                disabled.forEach(dis::put);
                ArrayNode probs = o.putArray("problems");
                for (LoadProblem p : r.problems()) {
                    probs.addObject().put("level", p.level().name().toLowerCase(Locale.ROOT)).put("file", p.file())
                            .put("line", p.line()).put("column", p.column()).put("rule", p.rule()).put("code", p.code())
                            .put("message", p.message());
                }
                ArrayNode sk = o.putArray("skippedRules");
                r.skipped().forEach(s -> sk.addObject().put("file", s.file()).put("line", s.line()).put("rule", s.rule())
                        .put("reason", s.reason()));
                Json.print(out, o, format);
            }
            return errors > 0 ? ExitCodes.USAGE_OR_INPUT : ExitCodes.OK;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Run rules over a few events and show, per event, which rules match, and for the near misses "
                    + "(rules written for that event name, or failing one condition) which conditions failed and what "
                    + "the event had. For rule authors."},
            footer = {"", "Exit codes: 0 ran; 1 --expect-match given and some event matched nothing; 2 usage, load or "
                    + "input error."})
    static final class TestRules implements Callable<Integer> {
        @Parameters(paramLabel = "PATH", arity = "1..*", description = "Rule files or directories, FORMAT:PATH or bare.")
        List<String> paths;

        @Option(names = "--events", paramLabel = "FILE", required = true,
                description = "CloudTrail events: any shape scan reads (Records file, JSON lines, array, one event, gzip).")
        List<String> events;

        @Option(names = "--format", defaultValue = "table", description = "table, json or ndjson (default: ${DEFAULT-VALUE}).")
        OutputFormat format;

        @Option(names = "--expect-match", description = "Exit 1 unless every event matched at least one rule.")
        boolean expectMatch;

        @Mixin
        GeoIpOptions geoip = new GeoIpOptions();

        @Override
        public Integer call() {
            LoadResult loaded = geoip.loader().load(sources(paths));
            RuleOptions.report(System.err, loaded, true);
            if (loaded.hasErrors()) {
                return ExitCodes.USAGE_OR_INPUT;
            }
            RuleSet set = new RuleSet(loaded.rules());
            List<CloudTrailEvent> evs = new ArrayList<>();
            ScanOptions readOnly = new ScanOptions(io.trailhound.core.ingest.ReadLimits.defaults(), 1, null);
            Scan.Result read = Scan.builder(readOnly)
                    .onEvent(evs::add)
                    .onBad(bad -> System.err.println("trailhound: " + TerminalText.escape(
                            bad.position() + ": " + bad.reason().jsonName() + ": " + bad.detail())))
                    .build()
                    .run(events, io.trailhound.core.ingest.IngestProgress.NONE);
            if (ScanReport.nothingRead(System.err, read.ingest(), events)) {
                return ExitCodes.USAGE_OR_INPUT;
            }
            PrintStream out = System.out;
            Table t = new Table("event", "rule", "result", "why not");
            ArrayNode all = Json.MAPPER.createArrayNode();
            boolean everyMatched = true;
            for (CloudTrailEvent e : evs) {
                ObjectNode eo = all.addObject();
                eo.put("eventID", e.eventID()).put("eventName", e.eventName()).put("position", String.valueOf(e.position()));
                ArrayNode matched = eo.putArray("matched");
                ArrayNode near = eo.putArray("nearMisses");
                String label = e.eventName() + " " + e.eventID();
                Set<RuleSet.Entry> indexed = Set.of(set.candidates(e.eventName(), e.eventSource()));
                for (RuleSet.Entry entry : set.enabled()) {
                    CompiledRule c = entry.rule();
                    List<String> failing = Explain.failing(c.condition(), e);
                    if (failing.isEmpty()) {
                        matched.add(c.info().name());
                        t.row(label, c.info().name(), c.stateful() == null ? "match" : "candidate (stateful)", "");
                    } else if (failing.size() == 1 || (indexed.contains(entry) && !set.catchAll().contains(entry))) {
                        ObjectNode n = near.addObject().put("rule", c.info().name());
                        ArrayNode why = n.putArray("failed");
                        failing.forEach(why::add);
                        t.row(label, c.info().name(), "near miss", String.join("; ", failing));
                    }
                }
                everyMatched &= !matched.isEmpty();
                if (format == OutputFormat.ndjson) {
                    Json.print(out, eo, format);
                }
            }
            if (format == OutputFormat.table) {
                t.print(out);
                out.printf(Locale.ROOT, "%n%,d events, %,d enabled rules%n", evs.size(), set.enabled().size());
            } else if (format == OutputFormat.json) {
                ObjectNode o = Json.object();
                o.set("events", all);
                Json.print(out, o, format);
            }
            return expectMatch && !everyMatched ? ExitCodes.FINDINGS : ExitCodes.OK;
        }
    }

    @Command(name = "fields", mixinStandardHelpOptions = true,
            description = {"The fields Falco rules can use on CloudTrail (ct.*, s3.*, ec2.*, json.value[...], evt.*), "
                    + "with type and meaning."})
    static final class Fields implements Callable<Integer> {
        @Option(names = "--format", defaultValue = "table", description = "table, json or markdown (default: ${DEFAULT-VALUE}).")
        String format;

        @Override
        public Integer call() {
            return RuleFieldsOutput.print(System.out, format);
        }
    }
}
