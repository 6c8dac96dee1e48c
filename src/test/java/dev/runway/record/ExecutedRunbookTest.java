package dev.runway.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.engine.RunEvent.Approved;
import dev.runway.engine.RunEvent.Await;
import dev.runway.engine.RunEvent.Confirmed;
import dev.runway.engine.RunEvent.Decided;
import dev.runway.engine.RunEvent.Decision;
import dev.runway.engine.RunEvent.Rejected;
import dev.runway.engine.RunEvent.RunFinished;
import dev.runway.engine.RunEvent.StepAwaiting;
import dev.runway.engine.RunEvent.StepFailed;
import dev.runway.engine.RunEvent.StepSkipped;
import dev.runway.engine.RunEvent.StepStarted;
import dev.runway.engine.RunEvent.StepSucceeded;
import dev.runway.engine.RunStatus;
import dev.runway.fixtures.TestRunbooks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * The executed runbook in Markdown and JSON: what each step did and who acted on it, said once,
 * in the same words in both.
 */
class ExecutedRunbookTest {

    /** Build, a production gate, deploy; and a rollback section. */
    static final String RELEASE = TestRunbooks.gatedRelease(1) + "\n## Rollback\n\n### Undo\n\n```bash\necho undone\n```\n";

    /** Built: the run waits at the production gate. */
    static RecordedRun atTheGate() {
        return new RecordedRun(RELEASE)
                .at(1, "alice", new StepStarted("build", 1))
                .at(2, "alice", new StepSucceeded("build", 1, "exit 0", "built\n"))
                .at(2, "alice", new StepAwaiting("approve", Await.GATE, "approval needed for gate \"production\"", null));
    }

    /** Built, approved by bob with a comment, deployed: succeeded without ever rolling back. */
    static RecordedRun succeeded() {
        return atTheGate()
                .at(30, "bob", new Approved("approve", "bob", "staging green"))
                .at(31, "alice", new StepSucceeded("approve", 0, "approved by bob", null))
                .at(31, "alice", new StepStarted("deploy", 1))
                .at(35, "alice", new StepSucceeded("deploy", 1, "exit 0", "deployed\n"))
                .at(35, "alice", new RunFinished(RunStatus.SUCCEEDED, "all steps completed"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> step(RecordedRun run, String id) {
        var steps = (List<Map<String, Object>>) ExecutedRunbook.json(run.state(), run.plan()).get("steps");
        return steps.stream().filter(s -> s.get("id").equals(id)).findFirst().orElseThrow();
    }

    @Test
    void a_rollback_step_of_a_run_that_never_rolled_back_is_not_run_in_markdown_and_json() {
        RecordedRun run = succeeded();

        assertThat(ExecutedRunbook.markdown(run.state(), run.plan())).contains("  > – **not-run** `undo`\n")
                .doesNotContain("pending");
        assertThat(step(run, "undo").get("status")).isEqualTo("not-run");
        assertThat(step(run, "deploy").get("status")).isEqualTo("succeeded");
    }

    @Test
    void steps_after_a_failure_that_ended_the_run_are_not_run() {
        RecordedRun run = new RecordedRun(RELEASE)
                .at(1, "alice", new StepStarted("build", 1))
                .at(2, "alice", new StepFailed("build", 1, "exit 1", ""))
                .at(2, "alice", new RunFinished(RunStatus.FAILED, "step build failed"));

        String md = ExecutedRunbook.markdown(run.state(), run.plan());

        assertThat(md).contains("  > ❌ **failed** `build`").contains("  > – **not-run** `approve`").contains("  > – **not-run** `deploy`");
        assertThat(step(run, "approve").get("status")).isEqualTo("not-run");
    }

    @Test
    void a_gate_the_run_was_aborted_at_is_cancelled_with_who_ended_it() {
        RecordedRun run = atTheGate()
                .at(40, "carol", new RunFinished(RunStatus.ABORTED, "aborted by carol at step \"approve\": freeze"));

        assertThat(ExecutedRunbook.markdown(run.state(), run.plan())).contains("  > ⊘ **cancelled** `approve`")
                .contains("cancelled: aborted by carol at step \"approve\": freeze").doesNotContain("**waiting**");
        assertThat(step(run, "approve").get("status")).isEqualTo("cancelled");
        assertThat(step(run, "deploy").get("status")).isEqualTo("not-run");
    }

    @Test
    void steps_to_come_in_a_run_still_going_are_pending() {
        RecordedRun run = new RecordedRun(RELEASE).at(1, "alice", new StepStarted("build", 1));

        assertThat(ExecutedRunbook.markdown(run.state(), run.plan())).contains("  > · **pending** `deploy`").doesNotContain("not-run");
        assertThat(step(run, "undo").get("status")).isEqualTo("pending");
    }

    @Test
    void an_approval_is_shown_once_with_its_comment() {
        RecordedRun run = succeeded();

        String md = ExecutedRunbook.markdown(run.state(), run.plan());

        String gate = md.substring(md.indexOf("  > ✅ **succeeded** `approve`"), md.indexOf("### Deploy"));
        assertThat(gate.lines().filter(l -> l.contains("approved by")).toList()).containsExactly("  > - 2026-12-01 10:00:30Z · approved by bob: staging green");
        assertThat(step(run, "approve")).containsEntry("detail", "approved by bob").containsEntry("approved_by", List.of("bob"));
    }

    @Test
    void a_confirmed_manual_task_names_who_confirmed_it_once() {
        RecordedRun run = new RecordedRun("# Notify\n\n## Tell\n\n1. Tell support about the release\n")
                .at(1, "alice", new StepAwaiting("tell", Await.MANUAL, "confirm: Tell support", null))
                .at(5, "carol", new Confirmed("tell", "carol", false, null))
                .at(5, "alice", new StepSucceeded("tell", 0, "confirmed by carol", null));
        assertThat(run.plan().steps()).extracting(p -> p.id()).containsExactly("tell");

        String md = ExecutedRunbook.markdown(run.state(), run.plan());

        // Once in the step's annotation; the execution record below lists the journal's entries.
        assertThat(md.lines().filter(l -> l.startsWith("  >") && l.contains("confirmed by")).toList()).containsExactly("  > - 2026-12-01 10:00:05Z · confirmed by carol");
    }

    /** Built, then failed at deploy: the run waits for a decision on it. */
    static RecordedRun failedAtDeploy() {
        return new RecordedRun(RELEASE)
                .at(1, "alice", new StepStarted("build", 1))
                .at(2, "alice", new StepFailed("build", 1, "exit 1", ""))
                .at(2, "alice", new StepAwaiting("build", Await.DECISION, "step \"build\" failed: exit 1", null));
    }

    /** The lines of the note the record writes in under {@code step}: its quote. */
    private static List<String> note(String md, String step) {
        return md.lines().dropWhile(l -> !(l.startsWith("  > ") && l.contains(" `" + step + "`"))).takeWhile(l -> l.startsWith("  >")).toList();
    }

    @Test
    void a_skip_reason_of_several_lines_is_kept_whole_in_a_block_that_no_line_of_it_can_end() {
        String reason = "deployed by hand\n```\n# not a heading\n| nor | a table |";
        RecordedRun run = failedAtDeploy()
                .at(10, "dave", new Decided("build", Decision.SKIP, "dave", reason))
                .at(11, "alice", new StepSkipped("build", "dave", reason));

        String md = ExecutedRunbook.markdown(run.state(), run.plan());

        assertThat(note(md, "build")).containsExactly("  > ↷ **skipped** `build` · 2026-12-01 10:00:01Z → 2026-12-01 10:00:11Z (10.0 s)",
                "  > ", "  > - 2026-12-01 10:00:10Z · decided skip by dave:", "  >   ````text", "  >   deployed by hand", "  >   ```",
                "  >   # not a heading", "  >   | nor | a table |", "  >   ````");
        List<String> blocks = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        Parser.builder().build().parse(md).accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock block) {
                blocks.add(block.getLiteral());
            }

            @Override
            public void visit(Heading heading) {
                headings.add(heading.getFirstChild() instanceof org.commonmark.node.Text t ? t.getLiteral() : "");
            }
        });
        assertThat(blocks).contains(reason + "\n");
        assertThat(headings).doesNotContain("not a heading");
    }

    @Test
    void every_decision_on_a_step_is_listed_in_order_and_one_not_carried_out_yet_says_so() {
        RecordedRun run = failedAtDeploy()
                .at(10, "alice", new Decided("build", Decision.RETRY, "alice", "the disk was full"))
                .at(11, "alice", new StepStarted("build", 2))
                .at(12, "alice", new StepFailed("build", 2, "exit 1", ""))
                .at(12, "alice", new StepAwaiting("build", Await.DECISION, "step \"build\" failed: exit 1", null))
                .at(20, "bob", new Decided("build", Decision.ABORT, "bob", "wrong build"));

        String md = ExecutedRunbook.markdown(run.state(), run.plan());

        assertThat(note(md, "build")).containsSubsequence("  > exit 1",
                "  > - 2026-12-01 10:00:10Z · decided retry by alice: the disk was full",
                "  > - 2026-12-01 10:00:20Z · decided abort by bob (not carried out yet): wrong build");
    }

    @Test
    void a_rejection_is_listed_once_with_its_time_and_comment() {
        RecordedRun run = atTheGate()
                .at(30, "bob", new Rejected("approve", "bob", "error budget exhausted"))
                .at(31, "alice", new StepFailed("approve", 0, "rejected by bob: error budget exhausted", null))
                .at(31, "alice", new RunFinished(RunStatus.FAILED, "step approve failed"));

        String md = ExecutedRunbook.markdown(run.state(), run.plan());

        assertThat(note(md, "approve").stream().filter(l -> l.contains("rejected by")).toList())
                .containsExactly("  > - 2026-12-01 10:00:30Z · rejected by bob: error budget exhausted");
        assertThat(step(run, "approve").get("rejection"))
                .isEqualTo(Map.of("by", "bob", "comment", "error budget exhausted", "at", RecordedRun.T0.plusSeconds(30)));
    }

    @Test
    void json_steps_have_their_duration_and_the_people_keys_of_status() {
        RecordedRun run = succeeded();

        assertThat(step(run, "deploy").get("duration_ms")).isEqualTo(4000L);
        assertThat(step(run, "undo").get("duration_ms")).isNull();
        assertThat(step(run, "approve").get("approvals"))
                .isEqualTo(List.of(Map.of("by", "bob", "comment", "staging green", "at", RecordedRun.T0.plusSeconds(30))));
        assertThat(step(run, "deploy")).doesNotContainKeys("approvals", "rejection", "confirmation", "decisions", "decided_by");
    }
}
