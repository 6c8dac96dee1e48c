package dev.runway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.engine.JournalStore.CorruptValueException;
import dev.runway.engine.RunEvent.RunStarted;
import dev.runway.engine.RunSnapshot.StepOutline;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read-model values edited into shapes the store never writes fail with the table, row and column, never a bare enum error. */
class CorruptValuesTest {

    @TempDir Path home;
    SqliteJournalStore store;

    @BeforeEach
    void aRun() {
        store = new SqliteJournalStore(home);
        store.create("run-1", "rb@test", "alice", new RunStarted("rb", "test", "T", "/rb.md", "# T", "sha", Map.of("version", "1.0"),
                List.of(), "alice", Map.of()), Instant.parse("2026-12-01T10:00:00Z"), List.of(new StepOutline("go", "shell", false)));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void sql(String statement) throws Exception {
        try (Connection c = SqliteDatabase.open(home); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void a_run_status_in_lower_case_names_the_runs_row_and_its_status_column() throws Exception {
        sql("UPDATE runs SET status = 'succeeded'");

        String message = "corrupt value in the store: table runs, row run-1, column status holds \"succeeded\", not one of RUNNING,"
                + " WAITING, WATCHING, SUCCEEDED, FAILED, ROLLING_BACK, ROLLED_BACK, ROLLBACK_FAILED, ABORTED (edited outside Runway?)";
        assertThatThrownBy(() -> store.summary("run-1")).isInstanceOf(CorruptValueException.class).hasMessage(message);
        assertThatThrownBy(() -> store.list(10)).isInstanceOf(CorruptValueException.class).hasMessage(message);
    }

    @Test
    void a_step_status_the_store_never_writes_names_the_run_steps_row() throws Exception {
        sql("UPDATE run_steps SET status = 'done'");

        String message = "corrupt value in the store: table run_steps, row run run-1, step go, column status holds \"done\", not one of"
                + " PENDING, RUNNING, WAITING, SUCCEEDED, FAILED, SKIPPED, INTERRUPTED, CANCELLED (edited outside Runway?)";
        assertThatThrownBy(() -> store.steps("run-1")).isInstanceOf(CorruptValueException.class).hasMessage(message);
        assertThatThrownBy(() -> store.stepLines("run-1")).as("what status prints").isInstanceOf(CorruptValueException.class)
                .hasMessage(message);
    }

    @Test
    void a_time_that_is_not_one_and_variables_that_are_not_json_name_their_columns() throws Exception {
        sql("UPDATE runs SET created_at = 'yesterday'");
        assertThatThrownBy(() -> store.summary("run-1")).hasMessage("corrupt value in the store: table runs, row run-1, column"
                + " created_at holds \"yesterday\", not a UTC time such as 2026-11-22T07:46:33.537Z (edited outside Runway?)");

        sql("UPDATE runs SET created_at = '2026-12-01T10:00:00Z', vars = '{\"version\":'");
        assertThatThrownBy(() -> store.summary("run-1")).hasMessage("corrupt value in the store: table runs, row run-1, column"
                + " vars holds \"{\"version\":\", not a JSON object of strings (edited outside Runway?)");
    }

    @Test
    void values_as_the_store_writes_them_read_back() {
        assertThat(store.summary("run-1").orElseThrow().vars()).isEqualTo(Map.of("version", "1.0"));
        assertThat(store.steps("run-1")).hasSize(1);
    }
}
