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

    /** {@code /proc/PID/stat} of a held bash, its command name holding a space and a parenthesis, with fields replaced by index after the name. */
    private static byte[] stat(String state, String vsize, String pending) {
        String[] after = ("S 14993 14993 4215 0 -1 4194304 101 0 0 0 0 0 0 0 20 0 1 0 436152 3133440 412 18446744073709551615"
                + " 93870621945856 93870621965737 140722633159280 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0").split(" ");
        after[0] = state;
        after[20] = vsize;
        after[28] = pending;
        return ("14995 (ba sh) x) " + String.join(" ", after) + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static boolean dying(byte[] stat) {
        return ShellExecutor.statSaysDying(stat, stat.length);
    }

    @Test
    void a_held_shell_is_taken_as_dying_only_when_proc_says_exited_exiting_or_signalled() {
        assertThat(dying(stat("S", "3133440", "0"))).as("sleeping in its read").isFalse();
        assertThat(dying(stat("R", "3133440", "0"))).as("running").isFalse();
        assertThat(dying(stat("Z", "0", "0"))).as("zombie").isTrue();
        assertThat(dying(stat("X", "0", "0"))).as("dead").isTrue();
        assertThat(dying(stat("S", "0", "0"))).as("memory released: exiting").isTrue();
        assertThat(dying(stat("S", "3133440", "16384"))).as("SIGTERM pending").isTrue();
        assertThat(dying(stat("S", "3133440", "10"))).as("a two-digit pending mask").isTrue();
        byte[] cut = "14995 (bash) S 1 2 3".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(dying(cut)).as("too short to tell").isFalse();
        assertThat(dying(new byte[0])).as("empty").isFalse();
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
