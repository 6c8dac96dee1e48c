package dev.runway.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run stores its runbook under the absolute path and binds it from there; renaming the parsed
 * runbook must give exactly what parsing its text again under that path gives (resume does that).
 */
class RunbookRenameTest {

    static Stream<Path> seeds() throws IOException {
        return Files.list(SeedRunbooksTest.SEEDS).filter(p -> p.toString().endsWith(".md")).sorted();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void a_renamed_seed_equals_the_seed_parsed_again_under_the_new_name(Path seed) {
        // As a user types it: relative to the working directory, with "..".
        Path typed = Path.of("").toAbsolutePath().relativize(seed.toAbsolutePath());
        Runbook asTyped = RunbookLoader.load(typed);
        assertThat(asTyped.hasErrors()).isFalse();
        String absolute = seed.toAbsolutePath().normalize().toString();

        Runbook renamed = asTyped.withFile(absolute);

        assertThat(renamed).isEqualTo(RunbookLoader.parse(absolute, asTyped.source()));
        assertThat(renamed.warnings()).isNotEmpty().allSatisfy(d -> assertThat(d.file()).isEqualTo(absolute));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void renaming_keeps_the_steps_ids_and_source(Path seed) {
        Runbook asTyped = RunbookLoader.load(seed);

        Runbook renamed = asTyped.withFile("/elsewhere/" + seed.getFileName());

        assertThat(renamed.file()).isEqualTo("/elsewhere/" + seed.getFileName());
        assertThat(renamed.steps()).isEqualTo(asTyped.steps());
        assertThat(renamed.front()).isEqualTo(asTyped.front());
        assertThat(renamed.source()).isEqualTo(asTyped.source());
    }

    @org.junit.jupiter.api.Test
    void a_renamed_yaml_runbook_equals_it_parsed_again(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("deploy.yaml");
        Files.writeString(file, """
                runbook: deploy
                steps:
                  - id: build
                    run: make build
                  - id: mystery
                    run: echo {undeclared}
                """);
        Runbook asTyped = RunbookLoader.load(file);

        Runbook renamed = asTyped.withFile("/srv/runbooks/deploy.yaml");

        assertThat(renamed).isEqualTo(RunbookLoader.parse("/srv/runbooks/deploy.yaml", asTyped.source()));
    }
}
