package io.trailhound.core.rules.sigma;

import io.trailhound.core.conformance.SharedData;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** SigmaHQ's AWS CloudTrail rules from ../shared/peers/sigma/aws, read at test time (never copied here). */
final class PeerRules {
    private PeerRules() {
    }

    static List<RuleFile> files() {
        Path dir = SharedData.dir("peers/sigma/aws");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yml")).sorted().map(p -> {
                try {
                    return new RuleFile(p.getFileName().toString(), Files.readString(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LoadResult load() {
        return new SigmaFrontEnd().load(files());
    }

    /** The file name without {@code .yml}: how the study names rules. */
    static String stem(String file) {
        return file.replaceFirst("\\.ya?ml$", "");
    }
}
