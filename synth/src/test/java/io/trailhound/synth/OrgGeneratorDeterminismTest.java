package io.trailhound.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrgGeneratorDeterminismTest {

    @Test
    void sameConfigWritesByteIdenticalTrees(@TempDir Path a, @TempDir Path b) throws IOException {
        new OrgGenerator(GeneratedOrg.config(a, 42, 3, 8, 1, 3000, OutputLayout.S3)).generate(n -> { });
        new OrgGenerator(GeneratedOrg.config(b, 42, 3, 8, 1, 3000, OutputLayout.S3)).generate(n -> { });
        assertSameTree(a, b);
    }

    @Test
    void jsonLinesLayoutIsReproducibleToo(@TempDir Path a, @TempDir Path b) throws IOException {
        new OrgGenerator(GeneratedOrg.config(a, 5, 2, 6, 1, 2000, OutputLayout.JSONL)).generate(n -> { });
        new OrgGenerator(GeneratedOrg.config(b, 5, 2, 6, 1, 2000, OutputLayout.JSONL)).generate(n -> { });
        assertSameTree(a, b);
    }

    @Test
    void anotherSeedWritesOtherData(@TempDir Path a, @TempDir Path b) throws IOException {
        new OrgGenerator(GeneratedOrg.config(a, 42, 3, 8, 1, 3000, OutputLayout.S3)).generate(n -> { });
        new OrgGenerator(GeneratedOrg.config(b, 43, 3, 8, 1, 3000, OutputLayout.S3)).generate(n -> { });
        assertThat(relative(a)).isNotEqualTo(relative(b));
        assertThat(Files.readAllBytes(a.resolve("ground-truth.json")))
                .isNotEqualTo(Files.readAllBytes(b.resolve("ground-truth.json")));
    }

    @Test
    void refusesADirectoryThatAlreadyHoldsOutput(@TempDir Path dir) throws IOException {
        GeneratorConfig config = GeneratedOrg.config(dir, 1, 2, 5, 1, 1000, OutputLayout.JSONL);
        new OrgGenerator(config).generate(n -> { });
        assertThatThrownBy(() -> new OrgGenerator(config).generate(n -> { }))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }

    private static void assertSameTree(Path a, Path b) throws IOException {
        List<String> filesA = relative(a);
        assertThat(filesA).isEqualTo(relative(b)).isNotEmpty();
        for (String f : filesA) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
    }

    private static List<String> relative(Path root) throws IOException {
        return GeneratedOrg.files(root).stream().map(p -> root.relativize(p).toString()).toList();
    }
}
