package dev.runway.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.engine.JournalStore.Attempt;
import dev.runway.engine.JournalStore.ChainedEntry;
import dev.runway.engine.OutputDigest;
import dev.runway.engine.RunEvent;
import dev.runway.store.EventCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Someone edits, deletes or adds rows of step_output, which no hash of the chain covers. */
class StepOutputCheckTest {

    private static final Attempt BUILD = new Attempt("run-1", "build", 1);
    private static final Attempt GATE = new Attempt("run-1", "gate", 1);

    private final List<ChainedEntry> chain = new ArrayList<>();
    private final Map<Attempt, String> stored = new HashMap<>();

    private void journal(RunEvent event) {
        long seq = chain.size() + 1;
        chain.add(new ChainedEntry(seq, "run-1", (int) seq, "2026-12-01T10:00:00Z", "alice", event.type(), EventCodec.encode(event),
                "prev", "hash"));
    }

    private static String digestOf(String... chunks) {
        OutputDigest d = new OutputDigest();
        for (String c : chunks) d.add(c);
        return d.hex();
    }

    private void store(Attempt attempt, String... chunks) {
        stored.put(attempt, digestOf(chunks));
    }

    /** build printed two chunks and succeeded (entry 2), the gate printed nothing and passed (entry 3). */
    private void aRunThatRecordedItsOutput() {
        journal(new RunEvent.StepStarted("build", 1));
        journal(new RunEvent.StepSucceeded("build", 1, "exit 0", "built", digestOf("compiling\n", "built\n")));
        journal(new RunEvent.StepSucceeded("gate", 1, "approved by bob", null, OutputDigest.EMPTY));
    }

    private String problem() {
        return StepOutputCheck.firstProblem(chain, stored).orElse(null);
    }

    @Test
    void untouched_output_passes() {
        aRunThatRecordedItsOutput();
        store(BUILD, "compiling\n", "built\n");

        assertThat(problem()).isNull();
    }

    @Test
    void output_split_into_other_chunks_is_the_same_output() {
        aRunThatRecordedItsOutput();
        store(BUILD, "comp", "iling\nbuilt\n");

        assertThat(problem()).isNull();
    }

    @Test
    void an_edited_chunk_is_reported_with_the_attempt_and_the_entry_that_recorded_it() {
        aRunThatRecordedItsOutput();
        store(BUILD, "compiling\n", "build FAILED\n");

        assertThat(problem()).isEqualTo("step output of run run-1, step \"build\", attempt 1 does not match what journal entry 2"
                + " recorded (edited or deleted outside Runway?)");
    }

    @Test
    void a_deleted_chunk_is_reported() {
        aRunThatRecordedItsOutput();
        store(BUILD, "compiling\n");

        assertThat(problem()).contains("step \"build\", attempt 1 does not match what journal entry 2 recorded");
    }

    @Test
    void all_output_of_an_attempt_deleted_is_reported() {
        aRunThatRecordedItsOutput();

        assertThat(problem()).contains("step \"build\", attempt 1 does not match what journal entry 2 recorded");
    }

    @Test
    void output_added_to_an_attempt_that_printed_nothing_is_reported() {
        aRunThatRecordedItsOutput();
        store(BUILD, "compiling\n", "built\n");
        store(GATE, "bob approved this in person\n");

        assertThat(problem()).isEqualTo("step output of run run-1, step \"gate\", attempt 1 does not match what journal entry 3"
                + " recorded (edited or deleted outside Runway?)");
    }

    @Test
    void a_failed_attempt_is_checked_like_a_succeeded_one() {
        journal(new RunEvent.StepFailed("build", 1, "exit 2", "boom", false, digestOf("boom\n")));
        store(BUILD, "fine\n");

        assertThat(problem()).contains("step \"build\", attempt 1 does not match what journal entry 1 recorded");
    }

    @Test
    void end_entries_written_before_the_digest_existed_are_skipped() {
        chain.add(new ChainedEntry(1, "run-1", 1, "2026-12-01T10:00:00Z", "alice", "step.succeeded",
                "{\"step\":\"build\",\"attempt\":1,\"detail\":\"exit 0\",\"output\":\"built\"}", "prev", "hash"));
        journal(new RunEvent.StepFailed("deploy", 1, "stopped: a trigger fired: errors", null));
        store(BUILD, "anything at all\n");
        store(new Attempt("run-1", "deploy", 1), "output until it was stopped\n");

        assertThat(problem()).isNull();
    }

    @Test
    void output_of_an_attempt_with_no_end_entry_is_not_covered() {
        journal(new RunEvent.StepStarted("build", 1));
        journal(new RunEvent.StepInterrupted("build", 1));
        store(BUILD, "whatever the crash left\n");

        assertThat(problem()).isNull();
    }
}
