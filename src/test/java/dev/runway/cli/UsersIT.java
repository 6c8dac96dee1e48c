package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runway user}: the people who sign in to the web UI, through the real jar. */
class UsersIT {

    @TempDir Path dir;

    @Test
    void a_user_is_added_listed_and_removed_and_the_password_is_stored_only_as_a_hash() throws Exception {
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);

        RunwayProcess.Result added = runway.runWithInput("Tr0ub4dor&3 horse\n", "user", "add", "alice",
                "--role", "release-manager", "--role", "approver", "--password-stdin");
        assertThat(added.exit()).as(added.toString()).isZero();
        assertThat(added.stderr().strip()).isEqualTo("runway: user alice (approver,release-manager) can sign in to the web UI");

        RunwayProcess.Result list = runway.run("user", "list", "--json");
        assertThat(list.json().get(0).get("name").asText()).isEqualTo("alice");
        assertThat(list.json().get(0).get("roles").toString()).isEqualTo("[\"approver\",\"release-manager\"]");
        assertThat(list.json().get(0).has("password_hash")).isFalse();
        try (Stream<Path> files = Files.list(runway.home())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain("Tr0ub4dor");
            }
        }

        RunwayProcess.Result again = runway.runWithInput("another password\n", "user", "add", "alice", "--role", "viewer", "--password-stdin");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.stderr().strip()).isEqualTo("runway: user alice exists already (remove it first to change it)");

        RunwayProcess.Result removed = runway.run("user", "remove", "alice");
        assertThat(removed.stdout().strip()).isEqualTo("removed user alice and ended their sessions");
        assertThat(runway.run("user", "remove", "alice").stderr().strip()).isEqualTo("runway: no user alice");
        assertThat(runway.run("user", "list").stdout().strip()).isEqualTo("NAME                     ROLES                            CREATED (UTC)");
    }

    @Test
    void a_password_is_never_an_argument_and_must_be_long_enough() {
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);

        RunwayProcess.Result noStdin = runway.run("user", "add", "bob", "--role", "approver");
        assertThat(noStdin.exit()).isEqualTo(2);
        assertThat(noStdin.stderr().strip()).isEqualTo("runway: user add needs --password-stdin: a password is never taken as an argument");

        RunwayProcess.Result shortOne = runway.runWithInput("short\n", "user", "add", "bob", "--role", "approver", "--password-stdin");
        assertThat(shortOne.exit()).isEqualTo(2);
        assertThat(shortOne.stderr().strip()).isEqualTo("runway: the password must be at least 8 characters");

        RunwayProcess.Result noRole = runway.runWithInput("long enough\n", "user", "add", "bob", "--password-stdin");
        assertThat(noRole.stderr().strip()).isEqualTo("runway: user add needs at least one --role");

        RunwayProcess.Result badName = runway.runWithInput("long enough\n", "user", "add", "bob smith", "--role", "viewer", "--password-stdin");
        assertThat(badName.stderr().strip())
                .isEqualTo("runway: user name \"bob smith\" must be 1 to 64 letters, digits, '.', '_', '@' or '-'");
    }
}
