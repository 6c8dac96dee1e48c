package dev.runway.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.engine.RunEvent;
import dev.runway.engine.RunEvent.Await;
import dev.runway.engine.RunEvent.Decision;
import dev.runway.engine.RunStatus;
import dev.runway.engine.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeopleActsTest {

    static final Instant T = Instant.parse("2026-12-03T15:13:22Z");
    final List<StoredEvent> journal = new ArrayList<>();

    private void add(RunEvent e) {
        journal.add(new StoredEvent(journal.size() + 1, "r", journal.size() + 1, T.plusSeconds(journal.size()), "x", e));
    }

    @Test
    void a_decision_after_the_wait_the_run_is_in_is_pending_and_one_before_a_later_wait_is_not() {
        add(new RunEvent.StepAwaiting("deploy", Await.DECISION, "failed", null));
        add(new RunEvent.Decided("deploy", Decision.RETRY, "alice", "flaky"));
        add(new RunEvent.StepAwaiting("deploy", Await.DECISION, "failed again", null));
        assertThat(PeopleActs.of(journal, RunStatus.WAITING).pendingDecision()).isEmpty();

        add(new RunEvent.Decided("deploy", Decision.ABORT, "bob", null));
        assertThat(PeopleActs.of(journal, RunStatus.WAITING).pendingDecision())
                .contains(new PeopleActs.Decision("deploy", Decision.ABORT, "bob", null, T.plusSeconds(3), 4));
        assertThat(PeopleActs.of(journal, RunStatus.ABORTED).pendingDecision()).as("carried out: the run ended").isEmpty();
        assertThat(PeopleActs.of(journal, RunStatus.WAITING).at("deploy")).extracting(PeopleActs.Act::by).containsExactly("alice", "bob");
    }

    @Test
    void acts_since_the_current_wait_are_unapplied_and_earlier_ones_are_not() {
        add(new RunEvent.StepAwaiting("task", Await.MANUAL, "confirm: tell them", null));
        add(new RunEvent.Confirmed("task", "alice", false, "done"));
        add(new RunEvent.StepAwaiting("gate", Await.GATE, "approval needed", null));
        add(new RunEvent.Approved("gate", "bob", null));
        add(new RunEvent.Rejected("gate", "carol", "not today"));

        assertThat(PeopleActs.of(journal, RunStatus.WAITING).unapplied()).containsExactly(
                new PeopleActs.Approval("gate", "bob", null, T.plusSeconds(3), 4),
                new PeopleActs.Rejection("gate", "carol", "not today", T.plusSeconds(4), 5));
        assertThat(PeopleActs.of(journal, RunStatus.RUNNING).unapplied()).isEmpty();
    }
}
