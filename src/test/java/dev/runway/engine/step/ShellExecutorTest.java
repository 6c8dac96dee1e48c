package dev.runway.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.plan.Binder;
import dev.runway.plan.Plan;
import dev.runway.runbook.RunbookLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shell is started before the engine's commit and held until it: what it may do meanwhile. */
class ShellExecutorTest {

    @TempDir
    Path dir;

    StepExecutor.Prepared prepare(String script) {
        Plan plan = Binder.bind(RunbookLoader.parse("r.md", "# R\n\n## Deploy\n\n### Touch\n\n```bash\n" + script + "\n```\n"),
                Map.of(), Map.of(), true).plan();
        StepContext ctx = new StepContext("run-1", plan.step("touch"), 1, plan.bindings().environment(), dir,
                SecretMasker.NONE, OutputSink.NONE, plan.runbook().front(), Instant.now());
        return new ShellExecutor().prepare(ctx);
    }

    @Test
    void a_held_shell_runs_nothing_until_it_is_released() throws Exception {
        StepExecutor.Prepared held = prepare("touch ran");
        Thread.sleep(300);
        assertThat(dir.resolve("ran")).doesNotExist();
        assertThat(held.run()).isInstanceOf(StepOutcome.Succeeded.class);
        assertThat(dir.resolve("ran")).exists();
    }

    @Test
    void a_cancelled_shell_never_runs_its_script() throws Exception {
        prepare("touch ran").cancel();
        Thread.sleep(300);
        assertThat(dir.resolve("ran")).doesNotExist();
    }

    @Test
    void the_script_reads_an_empty_stdin_and_bash_counts_the_runbooks_lines() throws Exception {
        StepOutcome outcome = prepare("cat > stdin.txt\necho first\nno_such_command_here").run();
        assertThat(Files.readString(dir.resolve("stdin.txt"))).isEmpty();
        assertThat(outcome).isInstanceOf(StepOutcome.Failed.class);
        assertThat(((StepOutcome.Failed) outcome).output())
                .isEqualTo("first\nbash: line 3: no_such_command_here: command not found\n");
    }
}
