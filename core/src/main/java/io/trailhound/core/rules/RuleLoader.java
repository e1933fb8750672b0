package io.trailhound.core.rules;

import io.trailhound.core.rules.ir.RuleFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads rule files named on the command line and hands them to their front ends: a directory
 * gives every file under it that the front end accepts, in path order; the files of one language
 * load together, in command-line order (Falco files append to and override earlier ones).
 */
public final class RuleLoader {
    private final RuleFormats formats;

    /** A loader with the front ends of {@code formats} (see {@link RuleFormats#loader()}). */
    public RuleLoader(RuleFormats formats) {
        this.formats = formats;
    }

    /** Loads the sources. Unreadable paths are load errors in the result, not exceptions. */
    public LoadResult load(List<RuleSource> sources) {
        Map<RuleFormat, List<RuleFile>> byFormat = new LinkedHashMap<>();
        List<LoadProblem> problems = new ArrayList<>();
        for (RuleSource s : sources) {
            RuleFrontEnd fe = formats.of(s.format());
            List<RuleFile> files = byFormat.computeIfAbsent(s.format(), k -> new ArrayList<>());
            for (Path p : files(s, fe, problems)) {
                try {
                    files.add(new RuleFile(p.toString(), Files.readString(p, StandardCharsets.UTF_8)));
                } catch (IOException | java.io.UncheckedIOException e) {
                    problems.add(new LoadProblem(LoadProblem.Level.ERROR, p.toString(), 0, 0, null, "LOAD_ERR_FILE_READ",
                            "cannot read: " + e.getMessage()));
                }
            }
        }
        List<LoadResult> parts = new ArrayList<>();
        parts.add(new LoadResult(List.of(), List.of(), problems));
        for (Map.Entry<RuleFormat, List<RuleFile>> e : byFormat.entrySet()) {
            if (!e.getValue().isEmpty()) {
                parts.add(formats.of(e.getKey()).load(e.getValue()));
            }
        }
        return LoadResult.concat(parts);
    }

    private static List<Path> files(RuleSource s, RuleFrontEnd fe, List<LoadProblem> problems) {
        Path p = s.path();
        if (Files.isRegularFile(p)) {
            return List.of(p);
        }
        if (!Files.isDirectory(p)) {
            problems.add(new LoadProblem(LoadProblem.Level.ERROR, p.toString(), 0, 0, null, "LOAD_ERR_FILE_READ",
                    "no such file or directory"));
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(p)) {
            List<Path> out = walk.filter(Files::isRegularFile).filter(fe::accepts).sorted().toList();
            if (out.isEmpty()) {
                problems.add(new LoadProblem(LoadProblem.Level.WARNING, p.toString(), 0, 0, null, "LOAD_NO_FILES",
                        "no " + s.format().id() + " rule files under this directory"));
            }
            return out;
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.add(new LoadProblem(LoadProblem.Level.ERROR, p.toString(), 0, 0, null, "LOAD_ERR_FILE_READ",
                    "cannot list: " + e.getMessage()));
            return List.of();
        }
    }
}
