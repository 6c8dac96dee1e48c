package dev.runway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.engine.JournalStore.Append;
import dev.runway.engine.RunEvent;
import dev.runway.engine.RunEvent.RunStarted;
import dev.runway.engine.RunSnapshot;
import dev.runway.engine.RunState;
import dev.runway.engine.RunStatus;
import dev.runway.engine.StoredEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a few kinds of a run's journal entries, as status does for who decided what. */
class EntriesOfTypesTest {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir Path home;

    @Test
    void only_the_entries_of_the_types_asked_for_come_back_in_run_order_and_only_of_that_run() {
        try (SqliteJournalStore store = new SqliteJournalStore(home)) {
            for (String run : List.of("run-1", "run-2")) {
                store.create(run, "rb@" + run, "alice", new RunStarted("rb", "test", "T", "/rb.md", "# T", "sha", Map.of(), List.of(),
                        "alice", Map.of()), T, List.of(new RunSnapshot.StepOutline("gate", "gate", false)));
            }
            List<RunEvent> events = List.of(new RunEvent.StepAwaiting("gate", RunEvent.Await.GATE, "approval needed", null),
                    new RunEvent.Approved("gate", "bob", "ok"), new RunEvent.ActionDenied("gate", "eve", "approve", "no role"),
                    new RunEvent.Approved("gate", "carol", null));
            int seq = 1;
            for (RunEvent e : events) {
                seq++;
                store.append(new Append("run-1", seq, "x", e, T.plusSeconds(seq),
                        new RunSnapshot(RunStatus.WAITING, RunState.Phase.FORWARD, null, null, null, null)));
            }

            List<StoredEvent> approvals = store.load("run-1", Set.of("gate.approved", "step.awaiting"));

            assertThat(approvals).extracting(StoredEvent::runSeq).containsExactly(2, 3, 5);
            assertThat(approvals.get(1).event()).isEqualTo(new RunEvent.Approved("gate", "bob", "ok"));
            assertThat(approvals.get(1).at()).isEqualTo(T.plusSeconds(3));
            assertThat(store.load("run-2", Set.of("gate.approved"))).isEmpty();
            assertThat(store.load("run-1", Set.of())).isEmpty();
        }
    }

    @Test
    void entries_after_the_last_of_a_mark_are_only_those_since_the_newest_mark_and_all_when_there_is_none() {
        try (SqliteJournalStore store = new SqliteJournalStore(home)) {
            store.create("run-1", "rb@run-1", "alice", new RunStarted("rb", "test", "T", "/rb.md", "# T", "sha", Map.of(), List.of(),
                    "alice", Map.of()), T, List.of(new RunSnapshot.StepOutline("deploy", "shell", false)));
            // A failed step asked twice: the first decision (retry) was carried out, the second is pending.
            List<RunEvent> events = List.of(new RunEvent.StepAwaiting("deploy", RunEvent.Await.DECISION, "failed", null),
                    new RunEvent.Decided("deploy", RunEvent.Decision.RETRY, "bob", null),
                    new RunEvent.StepAwaiting("deploy", RunEvent.Await.DECISION, "failed again", null),
                    new RunEvent.Approved("deploy", "carol", null),
                    new RunEvent.Decided("deploy", RunEvent.Decision.SKIP, "carol", "known outage"));
            int seq = 1;
            for (RunEvent e : events) {
                seq++;
                store.append(new Append("run-1", seq, "x", e, T.plusSeconds(seq),
                        new RunSnapshot(RunStatus.WAITING, RunState.Phase.FORWARD, null, null, null, null)));
            }
            Set<String> decisions = Set.of("decision.made");

            assertThat(store.loadAfterLast("run-1", decisions, "step.awaiting")).extracting(StoredEvent::runSeq).containsExactly(6);
            assertThat(store.loadAfterLast("run-1", decisions, "no.such.type")).extracting(StoredEvent::runSeq).containsExactly(3, 6);
            assertThat(store.loadAfterLast("run-1", Set.of("step.awaiting"), "decision.made")).isEmpty();
            assertThat(store.loadAfterLast("run-1", Set.of(), "step.awaiting")).isEmpty();
        }
    }
}
