package io.trailhound.core.rules.elastic;

import io.trailhound.core.conformance.SharedData;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.ir.CompiledRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Elastic's published AWS rules from ../shared/peers (never copied here), loaded once for the tests. */
final class PeerRules {
    private static LoadResult loaded;
    private static List<Path> files;

    private PeerRules() {
    }

    static Path dir() {
        return SharedData.dir("peers/elastic/rules");
    }

    static synchronized List<Path> files() {
        if (files == null) {
            try (Stream<Path> s = Files.walk(dir())) {
                files = s.filter(p -> p.toString().endsWith(".toml")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    static synchronized LoadResult load() {
        if (loaded == null) {
            List<RuleFile> rf = new ArrayList<>();
            for (Path p : files()) {
                try {
                    rf.add(new RuleFile(dir().relativize(p).toString(), Files.readString(p)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            loaded = new ElasticFrontEnd().load(rf);
        }
        return loaded;
    }

    /** The peer rule with this exact name; fails when absent so a renamed upstream rule is noticed. */
    static CompiledRule byName(String name) {
        return load().rules().stream().filter(r -> r.info().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no peer rule named '" + name + "'"));
    }
}
