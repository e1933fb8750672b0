package io.trailhound.core.rules.falco;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.conformance.SharedData;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.ir.CompiledRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Falco CloudTrail plugin's own rules file, read from {@code ../shared/peers/falco} at test
 * time (never copied here; tests skip where it is absent), loaded by our front end.
 */
final class PeerRulesFixture {
    private PeerRulesFixture() {
    }

    static Path file() {
        return SharedData.dir("peers/falco").resolve("aws_cloudtrail_rules.yaml");
    }

    static LoadResult load() {
        Path p = file();
        try {
            return new FalcoFrontEnd().load(List.of(new RuleFile(p.toString(), Files.readString(p))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CompiledRule rule(LoadResult r, String name) {
        return r.rules().stream().filter(c -> c.info().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + name));
    }

    /** The names of the rules whose condition holds for {@code e}, in file order (Falco's rule_matching: all). */
    static List<String> matching(LoadResult r, CloudTrailEvent e, boolean enabledOnly) {
        return r.rules().stream().filter(c -> !enabledOnly || c.info().enabled())
                .filter(c -> c.condition().test(e)).map(c -> c.info().name()).toList();
    }

    /** Falco's default rule_matching: first: only the first enabled matching rule in file order. */
    static List<String> firstMatching(LoadResult r, CloudTrailEvent e) {
        List<String> all = matching(r, e, true);
        return all.isEmpty() ? List.of() : List.of(all.get(0));
    }

    static void assertLoadsCleanly(LoadResult r) {
        assertThat(r.errors()).as("errors").isEmpty();
    }
}
