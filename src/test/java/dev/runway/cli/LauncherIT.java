package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./runway} launcher itself: when it rebuilds the jar, and that a call through it
 * prints what the jar prints. The rebuild cases run a copy of the launcher in a scratch tree
 * whose {@code mvnw} only records that it was asked to build, so no real build runs.
 */
class LauncherIT {

    private static final Path REPO = Path.of(System.getProperty("runway.repo", ".")).toAbsolutePath();
    private static final Instant BUILT = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path tree;

    @BeforeEach
    void scratchCheckout() throws IOException {
        Files.copy(REPO.resolve("runway"), tree.resolve("runway"));
        Files.writeString(tree.resolve("mvnw"), "#!/usr/bin/env bash\necho build >> \"$(dirname \"$0\")/builds\"\n"
                + "touch \"$(dirname \"$0\")/target/runway.jar\"\n");
        Files.setPosixFilePermissions(tree.resolve("mvnw"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(tree.resolve("target"));
        // The JDK the tests run on, as the launcher would have found and remembered it.
        Files.writeString(tree.resolve("target/.java-path"), java() + " " + Runtime.version().feature() + "\n");
        write("pom.xml", "<project/>");
        write("src/main/java/dev/App.java", "class App {}");
        write("src/main/resources/db/V1.sql", "select 1;");
        write("target/runway.jar", "not a jar");
        Files.setLastModifiedTime(tree.resolve("target/runway.jar"), FileTime.from(BUILT));
    }

    @Test
    void an_up_to_date_jar_is_not_rebuilt() throws Exception {
        launch();
        assertThat(builds()).as("builds asked of mvnw").isEmpty();
    }

    @Test
    void an_edited_source_file_rebuilds_the_jar() throws Exception {
        Files.setLastModifiedTime(tree.resolve("src/main/resources/db/V1.sql"), FileTime.from(BUILT.plusSeconds(1)));
        launch();
        assertThat(builds()).as("builds asked of mvnw").containsExactly("build");
    }

    @Test
    void a_new_file_deep_in_the_sources_rebuilds_the_jar() throws Exception {
        // Copied in with an old time of its own (cp -p, an archive): only its directories are new.
        Path added = tree.resolve("src/main/java/dev/feature/deeper/New.java");
        Files.createDirectories(added.getParent());
        Files.writeString(added, "class New {}");
        Files.setLastModifiedTime(added, FileTime.from(BUILT.minusSeconds(60)));
        launch();
        assertThat(builds()).as("builds asked of mvnw").containsExactly("build");
    }

    @Test
    void an_edited_pom_rebuilds_the_jar() throws Exception {
        Files.setLastModifiedTime(tree.resolve("pom.xml"), FileTime.from(BUILT.plusSeconds(1)));
        launch();
        assertThat(builds()).as("builds asked of mvnw").containsExactly("build");
    }

    @Test
    void a_missing_jar_is_built() throws Exception {
        Files.delete(tree.resolve("target/runway.jar"));
        launch();
        assertThat(builds()).as("builds asked of mvnw").containsExactly("build");
    }

    @Test
    void two_launchers_started_together_after_an_edit_build_once() throws Exception {
        // A build that takes a while, so the second launcher arrives while the first is at it.
        Files.writeString(tree.resolve("mvnw"), "#!/usr/bin/env bash\nsleep 1\necho build >> \"$(dirname \"$0\")/builds\"\n"
                + "touch \"$(dirname \"$0\")/target/runway.jar\"\n");
        Files.setLastModifiedTime(tree.resolve("src/main/java/dev/App.java"), FileTime.from(BUILT.plusSeconds(1)));

        Process first = start();
        Process second = start();
        for (Process p : List.of(first, second)) {
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(builds()).as("builds asked of mvnw").containsExactly("build");
    }

    @Test
    void status_through_the_launcher_prints_what_the_jar_prints_from_any_directory(@TempDir Path home, @TempDir Path elsewhere)
            throws Exception {
        RunwayProcess runway = new RunwayProcess(home, REPO);
        Path runbook = elsewhere.resolve("rb.md");
        Files.writeString(runbook, "# launcher\n\n## Steps\n\n### one\n\n```bash\necho one\n```\n\n### two\n\n```bash\necho two\n```\n");
        assertThat(runway.run("run", runbook.toString()).exit()).isZero();
        // Each form has an ahead-of-time cache of its own; both must print what the jar prints.
        for (List<String> form : List.of(List.of("status"), List.of("status", "--json"))) {
            RunwayProcess.Result direct = runway.run(form.toArray(String[]::new));
            assertThat(direct.exit()).as(direct.toString()).isZero();
            for (List<String> call : List.of(List.of(REPO.resolve("runway").toString()), List.of("bash", REPO.resolve("runway").toString()))) {
                Path err = elsewhere.resolve("err.txt");
                List<String> command = new java.util.ArrayList<>(call);
                command.addAll(List.of("--home", home.toString()));
                command.addAll(form);
                Process p = new ProcessBuilder(command).directory(elsewhere.toFile()).redirectError(err.toFile()).start();
                String out = new String(p.getInputStream().readAllBytes());
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(Files.readString(err)).isZero();
                assertThat(out).as(String.join(" ", command)).isEqualTo(direct.stdout());
            }
        }
    }

    private void launch() throws Exception {
        Process p = start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    private Process start() throws IOException {
        return new ProcessBuilder("bash", tree.resolve("runway").toString(), "--version").directory(tree.toFile())
                .redirectErrorStream(true).start();
    }

    private List<String> builds() throws IOException {
        Path log = tree.resolve("builds");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private void write(String path, String text) throws IOException {
        Path file = tree.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(BUILT.minusSeconds(3600)));
        for (Path dir = file.getParent(); !dir.equals(tree); dir = dir.getParent()) {
            Files.setLastModifiedTime(dir, FileTime.from(BUILT.minusSeconds(3600)));
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElseThrow();
    }
}
