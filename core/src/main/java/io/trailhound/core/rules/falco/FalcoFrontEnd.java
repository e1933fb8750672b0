package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.RuleFrontEnd;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.RuleInfo;
import io.trailhound.core.rules.load.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Falco rule files on CloudTrail, unchanged: reads them (SnakeYAML Engine, positions kept),
 * collects definitions across files (append, override, exceptions), and compiles every
 * {@code source: aws_cloudtrail} rule to the shared IR. Also loads Trailhound's built-in pack,
 * which is written in the same format.
 */
public final class FalcoFrontEnd implements RuleFrontEnd {
    /** The built-in pack's files, jar resources under {@link #BUILTIN_DIR}, loaded together in this order. */
    public static final List<String> BUILTIN_FILES = List.of("aws_cloudtrail_builtin.yaml");
    static final String BUILTIN_DIR = "/io/trailhound/rules/builtin/";

    private final RuleFormat format;
    private final boolean firstMatch;

    /** The front end for users' Falco files ({@link RuleFormat#FALCO}), every matching rule alerting. */
    public FalcoFrontEnd() {
        this(false);
    }

    /**
     * The front end for users' Falco files. With {@code firstMatch}, Falco's
     * {@code rule_matching: first}: each rule it loads carries {@link CompiledRule#firstMatch()}, so
     * among them only the first in load order that matches an event alerts on it.
     */
    public FalcoFrontEnd(boolean firstMatch) {
        this(RuleFormat.FALCO, firstMatch);
    }

    private FalcoFrontEnd(RuleFormat format, boolean firstMatch) {
        this.format = format;
        this.firstMatch = firstMatch;
    }

    /** The front end that labels its rules {@link RuleFormat#BUILTIN}: for the shipped pack, whose rules all alert. */
    public static FalcoFrontEnd forBuiltinPack() {
        return new FalcoFrontEnd(RuleFormat.BUILTIN, false);
    }

    /** Loads the built-in pack from the jar (file names {@code builtin:<name>.yaml}). */
    public static LoadResult builtin() {
        return forBuiltinPack().load(builtinFiles());
    }

    /** The built-in pack's files as text, for {@code rules list} or to load together with users' files. */
    public static List<RuleFile> builtinFiles() {
        List<RuleFile> files = new ArrayList<>();
        for (String name : BUILTIN_FILES) {
            try (InputStream in = FalcoFrontEnd.class.getResourceAsStream(BUILTIN_DIR + name)) {
                if (in == null) {
                    throw new IllegalStateException("built-in rule file missing from the jar: " + name);
                }
                files.add(new RuleFile("builtin:" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** The supported fields as a Markdown table, for {@code trailhound rules fields --format markdown}. */
    public static String fieldsMarkdown() {
        return FieldsTable.markdown();
    }

    /** The supported fields as rows (name, type, description), for table and JSON output. */
    public static List<FieldsTable.Row> fields() {
        return FieldsTable.rows();
    }

    @Override
    public RuleFormat format() {
        return format;
    }

    @Override
    public List<String> extensions() {
        return List.of(".yaml", ".yml");
    }

    /** Falco writes its priorities capitalised ({@code Warning}, {@code Informational}). */
    @Override
    public String priorityWord(RuleInfo rule) {
        String l = RuleFrontEnd.super.priorityWord(rule).toLowerCase(Locale.ROOT);
        if (l.equals("info")) {
            l = "informational";
        }
        return l.isEmpty() ? l : Character.toUpperCase(l.charAt(0)) + l.substring(1);
    }

    @Override
    public LoadResult load(List<RuleFile> files) {
        Problems problems = new Problems();
        RuleCollector collector = new RuleCollector(problems);
        for (RuleFile f : files) {
            for (RawItem item : RuleFileReader.read(new SourceText(f.name(), f.text()), problems)) {
                collector.add(item);
            }
        }
        RulesetCompiler.Output out = new RulesetCompiler(problems, format, firstMatch).compile(collector.result());
        return new LoadResult(out.rules(), out.skipped(), problems.list());
    }
}
