package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Asking a home that has recorded nothing yet, through the real binary: an answer, and nothing created. */
class ReadOnlyHomeIT {

    @TempDir Path dir;

    private static final List<List<String>> READS = List.of(
            List.of("status"), List.of("status", "--json"), List.of("status", "20261202-000000-abcdef"),
            List.of("report", "20261202-000000-abcdef"), List.of("logs", "20261202-000000-abcdef"),
            List.of("audit", "verify"), List.of("audit", "verify", "--json"));

    /** What a refused read prints on stdout: nothing, or with --json the refusal as JSON. */
    private static void assertRefusedOutput(List<String> command, RunwayProcess.Result r, Path home) {
        if (command.contains("--json")) {
            assertThat(r.json().get("error").get("message").asText()).as(command.toString()).isEqualTo("no runs yet in " + home);
        } else {
            assertThat(r.stdout()).as(command.toString()).isEmpty();
        }
    }

    @Test
    void history_of_a_home_that_does_not_exist_is_empty_and_creates_nothing() {
        Path home = dir.resolve("never-used");
        RunwayProcess runway = new RunwayProcess(home, dir);

        RunwayProcess.Result text = runway.run("history");
        RunwayProcess.Result json = runway.run("history", "--json");

        assertThat(text.exit()).as(text.toString()).isZero();
        assertThat(text.stdout().strip()).isEqualTo("no runs yet in " + home);
        assertThat(json.exit()).as(json.toString()).isZero();
        assertThat(json.stdout().strip()).isEqualTo("[ ]");
        assertThat(home).doesNotExist();
    }

    @Test
    void listing_tokens_and_users_of_a_home_that_does_not_exist_is_empty_and_revoking_is_refused_creating_nothing() {
        Path home = dir.resolve("never-used");
        RunwayProcess runway = new RunwayProcess(home, dir);

        RunwayProcess.Result tokens = runway.run("token", "list", "--json");
        RunwayProcess.Result users = runway.run("user", "list", "--json");
        RunwayProcess.Result revoke = runway.run("token", "revoke", "tok-123");
        RunwayProcess.Result remove = runway.run("user", "remove", "bob");

        assertThat(tokens.exit()).as(tokens.toString()).isZero();
        assertThat(tokens.stdout().strip()).isEqualTo("[ ]");
        assertThat(users.exit()).as(users.toString()).isZero();
        assertThat(users.stdout().strip()).isEqualTo("[ ]");
        assertThat(revoke.exit()).isEqualTo(2);
        assertThat(revoke.stderr().strip()).isEqualTo("runway: no tokens yet in " + home);
        assertThat(remove.exit()).isEqualTo(2);
        assertThat(remove.stderr().strip()).isEqualTo("runway: no users yet in " + home);
        assertThat(home).doesNotExist();
    }

    @Test
    void read_only_commands_on_a_home_that_does_not_exist_say_no_runs_yet_and_create_nothing() {
        Path home = dir.resolve("never-used");
        RunwayProcess runway = new RunwayProcess(home, dir);

        for (List<String> command : READS) {
            RunwayProcess.Result r = runway.run(command.toArray(String[]::new));

            assertThat(r.exit()).as(command + ": " + r).isEqualTo(2);
            assertRefusedOutput(command, r, home);
            assertThat(r.stderr().strip()).as(command.toString()).isEqualTo("runway: no runs yet in " + home);
            assertThat(home).as(command + " leaves the home uncreated").doesNotExist();
        }
    }

    @Test
    void read_only_commands_on_an_empty_home_leave_it_empty() throws Exception {
        Path home = Files.createDirectories(dir.resolve("empty"));
        RunwayProcess runway = new RunwayProcess(home, dir);

        for (List<String> command : READS) {
            RunwayProcess.Result r = runway.run(command.toArray(String[]::new));

            assertThat(r.exit()).as(command + ": " + r).isEqualTo(2);
            assertRefusedOutput(command, r, home);
            assertThat(r.stderr().strip()).as(command.toString()).isEqualTo("runway: no runs yet in " + home);
            try (var files = Files.list(home)) {
                assertThat(files.toList()).as(command + " leaves the home empty").isEmpty();
            }
        }
    }

    @Test
    void audit_verify_with_a_recorded_head_on_a_home_without_a_database_reports_the_journal_lost() {
        Path home = dir.resolve("lost");
        RunwayProcess runway = new RunwayProcess(home, dir);

        RunwayProcess.Result r = runway.run("audit", "verify", "--head", "8:" + "ab".repeat(32));

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout().strip()).isEqualTo("audit chain BROKEN at entry 1: the journal ends at entry 0 but entry 8 was recorded"
                + " as its head (entries deleted from the end?)");
        assertThat(home).doesNotExist();
    }

    @Test
    void a_command_that_writes_still_creates_the_home() {
        Path home = dir.resolve("new");
        RunwayProcess runway = new RunwayProcess(home, dir);

        RunwayProcess.Result r = runway.run("token", "create", "--user", "ci", "--role", "viewer");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(home.resolve("runway.db")).exists();
        assertThat(runway.run("history").stdout().strip()).isEqualTo("no runs yet in " + home);
    }
}
