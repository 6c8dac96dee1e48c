package dev.runway.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.plan.Binder;
import dev.runway.plan.Plan;
import dev.runway.runbook.RunbookLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor on its own: what it refuses to watch, and what a command monitor looks like live. */
class ObserveExecutorTest {

    @TempDir
    Path dir;
    final List<String> lines = new ArrayList<>();

    StepOutcome observe(String front, String directive) throws InterruptedException {
        // Bound leniently, as a resumed run's plan is: the executor must still refuse bad rules itself.
        Plan plan = Binder.bind(RunbookLoader.parse("r.md", "---\n" + front + "---\n# R\n\n## Verify\n\n### Watch\n\n```runway\n"
                + directive + "```\n"), Map.of(), Map.of(), false).plan();
        StepContext ctx = new StepContext("run-1", plan.step("watch"), 1, plan.bindings().environment(), dir,
                SecretMasker.NONE, lines::add, plan.runbook().front());
        return new ObserveExecutor(Clock.systemDefaultZone()).execute(ctx);
    }

    @Test
    void a_bad_rule_fails_at_once_with_its_message() throws Exception {
        StepOutcome out = observe("monitors:\n  queue: { command: 'echo 1' }\n", "observe: 1m\nrules: ['queue >']\n");
        assertThat(out).isEqualTo(new StepOutcome.Failed("rule \"queue >\" is missing a value (write e.g. errors > 1% for 2m)", ""));
    }

    @Test
    void nothing_to_watch_is_a_failure_not_a_pass() throws Exception {
        assertThat(observe("", "observe: 1m\n")).isEqualTo(new StepOutcome.Failed("observe step has no rules and the runbook no "
                + "triggers, so there is nothing to watch; add e.g. rules: [health.error_rate > 1% for 2m]", ""));
    }

    @Test
    void a_command_monitor_is_watched_and_streamed_each_second() throws Exception {
        StepOutcome out = observe("monitors:\n  queue: { command: 'echo 7', every: 250ms }\n",
                "observe: 2s\nrules: [queue > 100 for 1s]\n");
        assertThat(out).isInstanceOf(StepOutcome.Succeeded.class);
        assertThat(lines).first().isEqualTo("observing \"queue > 100 for 1s\" for 2s\n");
        assertThat(lines).contains("queue.value 7 (threshold > 100 for 1s) ok; 1s left\n");
        assertThat(lines).last().isEqualTo("window over: no rule fired\n");
    }

    @Test
    void a_command_that_prints_no_number_fails_after_its_unreadable_limit() throws Exception {
        StepOutcome out = observe("monitors:\n  queue: { command: 'echo n/a', every: 100ms, unreadable_after: 2 }\n",
                "observe: 1m\nrules: [queue > 100]\n");
        assertThat(out).isInstanceOf(StepOutcome.Failed.class);
        assertThat(((StepOutcome.Failed) out).reason()).isEqualTo("monitor \"queue\" could not be read 2 times in a row, so rule "
                + "\"queue > 100\" cannot be checked: command \"echo n/a\" printed \"n/a\", not one number");
        assertThat(out.output()).contains("monitor \"queue\" unreadable (1 in a row): command \"echo n/a\" printed \"n/a\", not one number");
    }
}
