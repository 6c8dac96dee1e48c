package dev.runway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.engine.JournalStore.Append;
import dev.runway.engine.RunEvent;
import dev.runway.engine.RunEvent.Await;
import dev.runway.engine.RunEvent.RunStarted;
import dev.runway.engine.RunSnapshot;
import dev.runway.engine.RunState;
import dev.runway.engine.RunStatus;
import dev.runway.engine.StoredEvent;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** People's acts and waits read through SQLite's JSON functions are exactly what the event codec reads. */
class ActEntriesTest {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir Path home;

    private void journal(SqliteJournalStore store, List<RunEvent> events) {
        store.create("run-1", "rb@run-1", "alice", new RunStarted("rb", "test", "T", "/rb.md", "# T", "sha", Map.of(), List.of(),
                "alice", Map.of()), T, List.of(new RunSnapshot.StepOutline("gate", "gate", false)));
        int seq = 1;
        for (RunEvent e : events) {
            seq++;
            store.append(new Append("run-1", seq, "x", e, T.plusSeconds(seq),
                    new RunSnapshot(RunStatus.WAITING, RunState.Phase.FORWARD, null, null, null, null)));
        }
    }

    @Test
    void every_kind_of_act_and_wait_reads_the_same_as_through_the_codec_nulls_and_odd_text_included() {
        String odd = "line one\nline \"two\" — ünïcode \\ tab\t and 'quotes' {braces} $(x)";
        List<RunEvent> events = List.of(
                new RunEvent.StepAwaiting("gate", Await.GATE, "approval needed for gate \"production\"", null, 2),
                new RunEvent.StepAwaiting("wait", Await.TIMER, "waiting 5m", Instant.parse("2026-12-01T10:05:00.123456789Z")),
                new RunEvent.StepAwaiting("task", Await.MANUAL, odd, null),
                new RunEvent.StepAwaiting(null, null, null, null, null),
                new RunEvent.Approved("gate", "bob", odd),
                new RunEvent.Approved("gate", "carol", null),
                new RunEvent.Rejected("gate", "dave", "wrong build"),
                new RunEvent.Confirmed("task", "erin", true, odd),
                new RunEvent.Confirmed("task", "erin", false, null),
                new RunEvent.Decided("deploy", RunEvent.Decision.SKIP, "frank", odd),
                new RunEvent.Decided("deploy", RunEvent.Decision.ROLLBACK, "frank", null),
                new RunEvent.Decided(null, null, null, null));
        try (SqliteJournalStore store = new SqliteJournalStore(home)) {
            journal(store, events);

            List<StoredEvent> throughSql = store.load("run-1", ActEntries.TYPES);
            List<StoredEvent> throughCodec = store.load("run-1").stream().filter(e -> ActEntries.TYPES.contains(e.event().type())).toList();

            assertThat(throughSql).isEqualTo(throughCodec);
            assertThat(throughSql).extracting(StoredEvent::event).containsExactlyElementsOf(events);
        }
    }

    @Test
    void an_act_entry_with_an_unknown_choice_is_reported_as_unreadable_with_its_type() throws Exception {
        try (SqliteJournalStore store = new SqliteJournalStore(home)) {
            journal(store, List.of(new RunEvent.Decided("deploy", RunEvent.Decision.SKIP, "frank", null)));
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("runway.db")); var s = c.createStatement()) {
            s.executeUpdate("UPDATE journal SET payload = json_set(payload, '$.choice', 'SHRUG') WHERE type = 'decision.made'");
        }
        try (SqliteJournalStore store = new SqliteJournalStore(home)) {
            assertThatThrownBy(() -> store.load("run-1", ActEntries.TYPES))
                    .hasMessageStartingWith("journal entry of type decision.made is not readable: ")
                    .hasMessageContaining("SHRUG");
        }
    }
}
