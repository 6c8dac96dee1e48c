package dev.runway.cli;

import static dev.runway.cli.RunbookBuilder.aRunbook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.app.InProcessRunway;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The name a person acts under: the OS user, or --as; a name that is not one is refused, never replaced. */
class ActingNameTest {

    @Test
    void without_as_the_os_user_acts_and_a_plain_name_is_taken_as_given() {
        assertThat(Workspace.personNamed(null)).isEqualTo(System.getProperty("user.name", "unknown"));
        assertThat(Workspace.personNamed("alice")).isEqualTo("alice");
        assertThat(Workspace.personNamed("ci-bot@example.org")).isEqualTo("ci-bot@example.org");
    }

    @Test
    void an_empty_a_padded_or_a_spaced_name_is_refused() {
        assertThatThrownBy(() -> Workspace.personNamed("")).isInstanceOf(UsageError.class)
                .hasMessage("--as was given an empty name: a name is 1 to 64 letters, digits, '.', '_', '@' or '-'");
        assertThatThrownBy(() -> Workspace.personNamed("alice ")).isInstanceOf(UsageError.class)
                .hasMessage("--as \"alice \" is not a name: a name is 1 to 64 letters, digits, '.', '_', '@' or '-'");
        assertThatThrownBy(() -> Workspace.personNamed("Alice Smith")).isInstanceOf(UsageError.class);
        assertThatThrownBy(() -> Workspace.personNamed("bob\n")).isInstanceOf(UsageError.class);
        assertThatThrownBy(() -> Workspace.personNamed("a".repeat(65))).isInstanceOf(UsageError.class);
    }

    @Test
    void approving_with_an_empty_name_is_refused_with_exit_2_and_records_no_approval(@TempDir Path dir) throws Exception {
        InProcessRunway runway = new InProcessRunway(dir.resolve("home"), Clock.systemUTC());
        aRunbook("Gated").section("Production").withGate("Approve", "production").withShellStep("Deploy", "true").writeTo(dir);
        InProcessRunway.Result run = runway.run("run", dir.resolve("runbook.md").toString(), "--as", "alice", "--no-wait");
        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        String runId = runway.run("history", "--json").stdout().replaceAll("(?s).*?\"run\" : \"([^\"]+)\".*", "$1");

        InProcessRunway.Result approve = runway.run("approve", runId, "--as", "");

        assertThat(approve.exit()).isEqualTo(2);
        assertThat(approve.stderr()).contains("--as was given an empty name");
        assertThat(runway.run("status", runId).stdout()).contains("waiting");
        assertThat(runway.run("approve", runId, "--as", "bob").exit()).isZero();
    }
}
