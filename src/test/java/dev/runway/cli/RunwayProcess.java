package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code runway} binary, run as a separate process against one home directory: the
 * same jar users get, launched with the JDK that runs the tests. Output goes to files (not
 * pipes), so a step that prints a lot can never block the process on a full pipe.
 */
final class RunwayProcess {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final Path workdir;
    private final Map<String, String> env = new HashMap<>();

    RunwayProcess(Path home, Path workdir) {
        this.home = home;
        this.workdir = workdir;
    }

    /** A home with {@code users.yaml} giving these roles, e.g. {@code "alice", "release-manager"}. */
    RunwayProcess withUsers(String yamlUsers) {
        try {
            Files.createDirectories(home);
            Files.writeString(home.resolve("users.yaml"), "users:\n" + yamlUsers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    RunwayProcess withEnv(String name, String value) {
        env.put(name, value);
        return this;
    }

    Path home() {
        return home;
    }

    Path workdir() {
        return workdir;
    }

    /** Runs {@code runway --home HOME args…} to completion. */
    Result run(String... args) {
        return start(args).await(DEFAULT_TIMEOUT);
    }

    /** Runs {@code runway --home HOME args…} to completion with {@code input} on its standard input. */
    Result runWithInput(String input, String... args) {
        try {
            Path in = Files.createTempFile("runway-in", ".txt");
            Files.writeString(in, input);
            return start(in, args).await(DEFAULT_TIMEOUT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code runway --home HOME args…} without waiting for it. */
    Background start(String... args) {
        return start(Path.of("/dev/null"), args);
    }

    private Background start(Path input, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        // the launcher's fast-start flags: each test starts dozens of short-lived JVMs
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.locale.providers=FALLBACK", "-Xshare:auto", "-jar", jar().toString(), "--home", home.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("runway-out", ".txt");
            Path err = Files.createTempFile("runway-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(workdir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(input.toFile()));
            pb.environment().remove("RUNWAY_HOME");
            pb.environment().putAll(env);
            return new Background(String.join(" ", args), pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("runway.jar", "target/runway.jar"));
        assertThat(jar).as("the runway jar (run ./mvnw package first)").exists();
        return jar;
    }

    /** The id of the newest run in this home, from {@code history --json}. */
    String newestRun() {
        Result history = run("history", "--json");
        assertThat(history.exit()).as(history.toString()).isZero();
        JsonNode runs = history.json();
        assertThat(runs.size()).as("runs in history").isPositive();
        return runs.get(0).get("run").asText();
    }

    String status(String runId) {
        Result status = run("status", runId, "--json");
        assertThat(status.exit()).as(status.toString()).isZero();
        return status.json().get("status").asText();
    }

    /** A command started in the background; {@link #await} collects how it ended. */
    static final class Background {
        private final String description;
        private final Process process;
        private final Path out;
        private final Path err;

        Background(String description, Process process, Path out, Path err) {
            this.description = description;
            this.process = process;
            this.out = out;
            this.err = err;
        }

        boolean isAlive() {
            return process.isAlive();
        }

        String stderrSoFar() {
            return read(err);
        }

        String stdoutSoFar() {
            return read(out);
        }

        Result await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("runway " + description + " did not finish within " + timeout
                            + "\nstdout:\n" + read(out) + "\nstderr:\n" + read(err));
                }
                return new Result(process.exitValue(), read(out), read(err));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } finally {
                if (!process.isAlive()) {
                    delete(out);
                    delete(err);
                }
            }
        }

        /** Sends the process SIGTERM, as a CI job's cancellation or {@code kill PID} does. */
        void terminate() {
            process.destroy();
        }

        /** SIGKILL to Runway alone, as a crash: the step's processes are left running, orphaned. */
        void killRunwayOnly() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }

        /** Ends the process if a failed test left it running. */
        void kill() {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }

        private static String read(Path p) {
            try {
                return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void delete(Path p) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file; the OS cleans up
            }
        }
    }

    /** How one invocation ended. */
    record Result(int exit, String stdout, String stderr) {

        JsonNode json() {
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + this, e);
            }
        }

        String runId() {
            return json().get("run").asText();
        }

        /** Everything the process printed, for "appears nowhere" checks. */
        String all() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }
}
