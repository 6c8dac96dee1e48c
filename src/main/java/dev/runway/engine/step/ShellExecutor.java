package dev.runway.engine.step;

import dev.runway.runbook.Action;
import dev.runway.verify.ExpectedOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs shell steps and command checks with {@code bash -eo pipefail -c}. Variables reach the
 * script only through its environment (the plan rendered {@code {name}} as a reference), so a
 * value is data, never code. Output is captured masked and bounded; a timeout kills the tree.
 */
public final class ShellExecutor implements StepExecutor {

    static final int HEAD_CHARS = 256 * 1024;
    static final int TAIL_CHARS = 64 * 1024;
    private static final Duration DRAIN = Duration.ofMillis(300);

    /**
     * Bash starts at once but reads one byte from its stdin before the step's first command: the
     * engine sends it only after the step's start is durable, so the shell's own start-up overlaps
     * the journal's fsync. If Runway dies first, the pipe closes, the read fails and the shell
     * exits without running anything. The guard shares the script's first line, so bash's "line N"
     * in error messages still counts the runbook's lines.
     */
    static final String HOLD = "read -r -n 1 || exit 97; exec </dev/null; unset REPLY; ";

    /**
     * Bash as found on Runway's PATH once, as the JDK would find it for every start: the JDK
     * tries each PATH entry in turn while the spawning thread waits, which on a long PATH cost
     * a dozen failed execs per step.
     */
    static final String BASH = onPath("bash");

    static String onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return program;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            java.nio.file.Path candidate = java.nio.file.Path.of(dir, program);
            if (java.nio.file.Files.isRegularFile(candidate) && java.nio.file.Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return program;
    }

    @Override
    public StepOutcome execute(StepContext ctx) throws InterruptedException {
        return prepare(ctx).run();
    }

    @Override
    public boolean readiesAhead() {
        return true;
    }

    @Override
    public Prepared prepare(StepContext ctx) {
        String script = switch (ctx.step().bound()) {
            case Action.Shell sh -> sh.script();
            case Action.Check c -> c.command();
            default -> throw new IllegalArgumentException("not a shell step: " + ctx.step().id());
        };
        // The trailing "bash" is $0, which bash also names itself by in its error messages.
        ProcessBuilder pb = new ProcessBuilder(BASH, "-eo", "pipefail", "-c", HOLD + script, "bash")
                .directory(ctx.workdir().toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(ctx.environment());
        try {
            return new Held(ctx, pb.start());
        } catch (IOException e) {
            return Prepared.deferred(() -> new StepOutcome.Failed("could not start bash: " + e.getMessage(), ""));
        }
    }

    /** Fields of {@code /proc/PID/stat} as counted from the state (field 3): virtual memory size, pending signals. */
    private static final int STAT_VSIZE = 23 - 3;
    private static final int STAT_PENDING_SIGNALS = 31 - 3;
    /** Room for all of {@code /proc/PID/stat}: 52 numbers and a command name of at most 16 bytes. */
    private static final int STAT_BYTES = 1024;

    /** A shell started and held at its first line. */
    private record Held(StepContext ctx, Process process) implements Prepared {

        @Override
        public void cancel() {
            closeQuietly(process.getOutputStream());
            // It ran nothing yet, so it has no children to stop.
            process.destroyForcibly();
        }

        @Override
        public boolean stillReady() {
            return process.isAlive() && !dying() && inWorkdir();
        }

        /**
         * Whether the held shell was killed (a step before ran {@code pkill}) and is on its way
         * out, which the JDK, reaping it on another thread, does not know yet. Giving it the
         * go-ahead would end the step with the kill's exit status, though the shell never ran a
         * line of it. From {@code /proc/PID/stat}: gone already, exited (state Z or X), its
         * memory released (size 0: exiting), or a signal pending (a held shell has none to
         * handle). Without {@code /proc} there is no telling, and it is taken as not dying.
         */
        private boolean dying() {
            byte[] stat = new byte[STAT_BYTES];
            int n;
            // A plain stream: on every step's path, the NIO channel Files.readString opens cost
            // several times the read itself (profiled: 0.09 ms a step).
            try (var in = new java.io.FileInputStream("/proc/" + process.pid() + "/stat")) {
                n = in.readNBytes(stat, 0, stat.length);
            } catch (IOException | SecurityException unreadable) {
                return java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self"));
            }
            return statSaysDying(stat, n);
        }

        /**
         * Whether the held shell still sits in the step's working directory, not in one a step
         * before removed and created again (the shell would keep the old, deleted one). Where
         * {@code /proc} cannot say, it is taken as yes.
         */
        private boolean inWorkdir() {
            try {
                return java.nio.file.Files.isSameFile(java.nio.file.Path.of("/proc", Long.toString(process.pid()), "cwd"), ctx.workdir());
            } catch (IOException | SecurityException cannotTell) {
                return true;
            }
        }

        @Override
        public StepOutcome run() throws InterruptedException {
            OutputStream go = process.getOutputStream();
            try {
                go.write('g');
                go.flush();
            } catch (IOException e) {
                // The shell is gone before its first command (killed from outside): report how it ended.
            }
            try {
                return await(ctx, process);
            } finally {
                // The shell let go of the pipe right after the byte (HOLD), so closing our end can wait
                // until the step is over instead of costing a system call before it starts.
                closeQuietly(go);
            }
        }
    }

    /** From the text of {@code /proc/PID/stat}: exited, exiting or with a signal pending. */
    static boolean statSaysDying(byte[] stat, int length) {
        // The command name in parentheses may hold spaces; the fields count from after it.
        int at = length - 1;
        while (at >= 0 && stat[at] != ')') at--;
        if (at < 0) return false;
        int field = 0;
        int start = at + 2;
        for (int i = start; i <= length; i++) {
            if (i < length && stat[i] != ' ' && stat[i] != '\n') continue;
            if (field == 0) {
                if (i - start == 1 && (stat[start] == 'Z' || stat[start] == 'X')) return true;
            } else if (field == STAT_VSIZE || field == STAT_PENDING_SIGNALS) {
                boolean zero = i - start == 1 && stat[start] == '0';
                if (field == STAT_VSIZE ? zero : !zero) return true;
                if (field == STAT_PENDING_SIGNALS) return false;
            }
            field++;
            start = i + 1;
        }
        return false;
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // best effort: a held shell exits on the closed pipe, and one that ran is gone already
        }
    }

    private static StepOutcome await(StepContext ctx, Process process) throws InterruptedException {
        BoundedOutput output = new BoundedOutput(HEAD_CHARS, TAIL_CHARS);
        Thread reader = Thread.ofVirtual().name("output-" + ctx.step().id())
                .start(() -> pump(process.getInputStream(), output, ctx.masker(), ctx.sink()));
        Duration timeout = ctx.step().step().policy().timeout();
        boolean exited;
        try {
            if (timeout == null) {
                process.waitFor();
                exited = true;
            } else {
                exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            ProcessTree.kill(process, Duration.ofSeconds(2));
            LeftoverProcesses.stop(ctx.runId(), ctx.step().id(), ctx.attempt(), Duration.ofSeconds(2));
            throw e;
        }
        if (!exited) {
            // The tree, then whatever left it (a double fork) but still carries this attempt's identifiers.
            int killed = ProcessTree.kill(process, Duration.ofSeconds(2))
                    + LeftoverProcesses.stop(ctx.runId(), ctx.step().id(), ctx.attempt(), Duration.ofSeconds(2));
            finishReading(reader, process);
            return new StepOutcome.Failed("timed out after " + dev.runway.engine.Durations.format(timeout)
                    + "; stopped " + killed + " process" + (killed == 1 ? "" : "es"), output.text());
        }
        finishReading(reader, process);
        String text = output.text();
        int code = process.exitValue();
        if (code != 0) {
            return new StepOutcome.Failed("exit " + code, text);
        }
        ExpectedOutput expected = ctx.step().expected();
        if (expected != null) {
            ExpectedOutput.MatchResult m = expected.match(text);
            if (!m.matched()) {
                return new StepOutcome.Failed(MismatchReport.describe(m, expected.outOfOrder(text), text), text);
            }
            return new StepOutcome.Succeeded("exit 0, expected output matched", text);
        }
        return new StepOutcome.Succeeded("exit 0", text);
    }

    /**
     * A background child may keep the pipe open after the shell exits; give the reader a short
     * moment, then close our end rather than wait for a process the step meant to leave running.
     */
    private static void finishReading(Thread reader, Process process) throws InterruptedException {
        if (!reader.join(DRAIN)) {
            try {
                process.getInputStream().close();
            } catch (IOException ignored) {
                // closing is best effort; the reader ends either way
            }
            reader.join(DRAIN);
        }
    }

    private static void pump(InputStream in, BoundedOutput output, SecretMasker masker, OutputSink sink) {
        char[] buf = new char[8192];
        StringBuilder pending = new StringBuilder();
        // Keep the last incomplete line back so a secret split across two reads is still masked.
        int carryLimit = Math.max(4096, masker.longest() * 2);
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            int n;
            while ((n = r.read(buf)) > 0) {
                pending.append(buf, 0, n);
                int cut = pending.lastIndexOf("\n") + 1;
                if (cut == 0 && pending.length() > carryLimit) cut = pending.length() - masker.longest();
                if (cut > 0) {
                    emit(pending.substring(0, cut), output, masker, sink);
                    pending.delete(0, cut);
                }
            }
        } catch (IOException ignored) {
            // the stream was closed after the process exited: what we have is the output
        }
        if (!pending.isEmpty()) emit(pending.toString(), output, masker, sink);
    }

    private static void emit(String text, BoundedOutput output, SecretMasker masker, OutputSink sink) {
        String masked = masker.mask(text);
        output.append(masked);
        sink.accept(masked);
    }
}
