package dev.runway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code runway.jar}, started as a child JVM on one home directory. The child is the
 * {@code java} process itself (no launcher script in between), so {@link Started#kill} is a
 * {@code kill -9} of the process that owns the run.
 */
final class RunwayJar {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final Path scratch;
    private int calls;

    RunwayJar(Path home, Path scratch) {
        this.home = home;
        this.scratch = scratch;
    }

    /** A finished call: exit code and what it printed. */
    record Result(int exit, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON (exit " + exit + "): " + out + "\nstderr: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    /** A call still running. */
    final class Started {
        private final Process process;
        private final Path out;
        private final Path err;

        private Started(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** SIGKILL, then reap it, so the pid is really gone when the next call checks the run's owner. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed JVM exits").isTrue();
        }

        Result await(long seconds) throws InterruptedException, IOException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("runway did not finish within " + seconds + " s; stderr: " + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        }

        boolean waitFor(long millis) throws InterruptedException {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        }
    }

    static Path jar() {
        String jar = System.getProperty("runway.jar");
        assertThat(jar).as("system property runway.jar (set by the pom for failsafe)").isNotNull();
        assertThat(Path.of(jar)).exists();
        return Path.of(jar);
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    Started start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java().toString(), "--enable-native-access=ALL-UNNAMED",
                "-jar", jar().toString(), "--home", home.toString()));
        command.addAll(List.of(args));
        int n = ++calls;
        Path out = scratch.resolve("call-" + n + ".out");
        Path err = scratch.resolve("call-" + n + ".err");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        assertIsTheJvm(p);
        return new Started(p, out, err);
    }

    /**
     * The JDK may start the child through a helper that then execs {@code java}; wait for the exec,
     * so that a kill hits the JVM and not a wrapper.
     */
    private static void assertIsTheJvm(Process p) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String exe = "";
        while (System.nanoTime() < deadline && p.isAlive()) {
            exe = p.info().command().orElse("");
            if (exe.endsWith("/java")) return;
            Thread.onSpinWait();
        }
        if (p.isAlive()) throw new AssertionError("child " + p.pid() + " runs " + exe + ", not java");
    }

    Result call(String... args) throws IOException, InterruptedException {
        return start(args).await(120);
    }

    Result ok(String... args) throws IOException, InterruptedException {
        Result r = call(args);
        assertThat(r.exit()).as("runway %s\n%s", String.join(" ", args), r).isZero();
        return r;
    }

    /** The newest run's id, or null when no run was recorded yet (killed before it was created). */
    String newestRun() throws IOException, InterruptedException {
        JsonNode runs = ok("history", "--json").json();
        return runs.isEmpty() ? null : runs.get(0).get("run").asText();
    }
}
