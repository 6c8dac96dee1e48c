package dev.runway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.engine.RunwayJar.Result;
import dev.runway.engine.RunwayJar.Started;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md, "Durability": a run survives the death of its process at any point. These tests
 * {@code kill -9} the real {@code runway} JVM while it works and check, from the journal and
 * from what the steps themselves wrote, that resuming never re-runs a completed step and never
 * re-runs an interrupted non-idempotent step without a person's decision.
 */
class CrashResumeIT {

    private static final int STEPS = 36;
    /** Every sixth step is not idempotent: an interruption there must wait for a person. */
    private static final int NON_IDEMPOTENT_EVERY = 6;
    private static final int KILLS = 24;
    private static final Duration BUDGET = Duration.ofSeconds(150);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void run_killed_at_random_moments_completes_every_step_exactly_once() throws Exception {
        long seed = Long.getLong("runway.crash.seed", System.nanoTime());
        System.out.println("CrashResumeIT seed " + seed + " (repeat with -Drunway.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        Path log = dir.resolve("steps.log");
        Files.createFile(log);
        Set<String> nonIdempotent = new LinkedHashSet<>();
        Path runbook = writeLongRunbook(random, log, nonIdempotent);
        RunwayJar runway = new RunwayJar(dir.resolve("home"), dir);

        long deadline = System.nanoTime() + BUDGET.toNanos();
        String runId = null;
        int kills = 0;
        Map<String, Integer> retries = new HashMap<>();
        while (true) {
            assertThat(System.nanoTime()).as("crash loop within %s (seed %d, %d kills so far)", BUDGET, seed, kills)
                    .isLessThan(deadline);
            Started call = runId == null
                    ? runway.start("run", runbook.toString(), "--json")
                    : runway.start("resume", runId, "--no-wait", "--json");
            boolean killed = kills < KILLS && killAtRandomMoment(call, random, log);
            if (runId == null) runId = runway.newestRun();
            if (killed) {
                kills++;
                continue;
            }
            Result r = call.await(120);
            assertThat(runId).as("a run was recorded: %s", r).isNotNull();
            if (r.exit() == 0) {
                assertThat(r.json().get("status").asText()).isEqualTo("succeeded");
                break;
            }
            assertThat(r.exit()).as("resume ends succeeded (0) or waiting for a person (4): %s (seed %d)", r, seed)
                    .isEqualTo(4);
            String step = assertWaitsForDecisionOnInterruption(runway, runId);
            assertThat(nonIdempotent).as("only non-idempotent steps wait after an interruption").contains(step);
            runway.ok("decide", runId, "retry", "--as", "tester");
            retries.merge(step, 1, Integer::sum);
        }
        System.out.println("CrashResumeIT: " + kills + " kills, retries decided " + retries + ", run " + runId);
        assertThat(kills).as("kills before the run completed (seed %d)", seed).isGreaterThanOrEqualTo(20);

        JsonNode report = runway.ok("report", runId, "--format", "json").json();
        assertEveryStepSucceededOnceAndNeverRestartedAfter(report);
        assertNonIdempotentStepsRestartedOnlyByDecision(report, nonIdempotent, retries);
        assertEveryLoggedAttemptWasJournaledFirst(report, log);
        Set<String> done = new LinkedHashSet<>();
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("done ")) done.add(line.substring(5));
        }
        assertThat(done).as("every step ran to its end at least once").containsAll(stepIds());
        assertThat(runway.ok("status", runId, "--json").json().get("status").asText()).isEqualTo("succeeded");
        assertThat(runway.call("audit", "verify").exit()).as("audit verify").isZero();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void interrupted_non_idempotent_step_waits_for_a_decision_then_retries() throws Exception {
        Path log = dir.resolve("steps.log");
        Path release = dir.resolve("release");
        Path runbook = dir.resolve("deploy.md");
        Files.writeString(runbook, """
                # Deploy once

                ## Release

                ### Prepare

                ```runway
                idempotent: true
                ```

                ```bash
                echo "start $RUNWAY_STEP_ID $RUNWAY_ATTEMPT" >> %1$s
                echo "done $RUNWAY_STEP_ID" >> %1$s
                ```

                ### Migrate

                ```bash
                echo "start $RUNWAY_STEP_ID $RUNWAY_ATTEMPT" >> %1$s
                for i in $(seq 600); do [ -e %2$s ] && break; sleep 0.1; done
                echo "done $RUNWAY_STEP_ID" >> %1$s
                ```
                """.formatted(log, release));
        RunwayJar runway = new RunwayJar(dir.resolve("home"), dir);

        Started run = runway.start("run", runbook.toString(), "--json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(log) && Files.readString(log).contains("start migrate 1"))) {
            assertThat(run.isAlive()).as("run still working").isTrue();
            assertThat(System.nanoTime()).as("migrate started within 60 s").isLessThan(deadline);
            Thread.sleep(10);
        }
        run.kill();
        Files.createFile(release); // lets the orphaned attempt end; it belongs to no process of Runway's any more
        String runId = runway.newestRun();

        Result resumed = runway.call("resume", runId, "--no-wait", "--json");
        assertThat(resumed.exit()).as("%s", resumed).isEqualTo(4);
        assertThat(assertWaitsForDecisionOnInterruption(runway, runId)).isEqualTo("migrate");
        assertThat(Files.readString(log)).as("migrate is not re-run without a decision")
                .containsOnlyOnce("start migrate");

        runway.ok("decide", runId, "retry", "--as", "tester");
        Result done = runway.call("resume", runId, "--no-wait", "--json");
        assertThat(done.exit()).as("%s", done).isZero();
        assertThat(Files.readString(log)).contains("start migrate 2").containsOnlyOnce("start prepare");
        List<String> types = new ArrayList<>();
        runway.ok("report", runId, "--format", "json").json().get("events").forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).containsSubsequence("step.started", "step.succeeded", "step.started", "step.interrupted",
                "step.awaiting", "decision.made", "step.started", "step.succeeded", "run.finished");
        assertThat(runway.call("audit", "verify").exit()).isZero();
    }

    /**
     * Kills the JVM either at a random time after launch (start-up, claiming the run, recording
     * interruptions, the first steps) or a random few milliseconds after one or two more steps
     * began (inside a step, or around its journal entries). Returns false if the call ended first.
     */
    private static boolean killAtRandomMoment(Started call, Random random, Path log) throws Exception {
        if (random.nextInt(4) == 0) {
            if (call.waitFor(50 + random.nextInt(1200))) return false;
        } else {
            long target = starts(log) + 1 + random.nextInt(2);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (starts(log) < target) {
                if (call.waitFor(5)) return false;
                assertThat(System.nanoTime()).as("a step started within 60 s").isLessThan(deadline);
            }
            if (call.waitFor(random.nextInt(100))) return false;
        }
        call.kill();
        return true;
    }

    private static long starts(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.startsWith("start ")).count();
    }

    /** Checks the waiting run through {@code status --json}; returns the step it waits at. */
    private static String assertWaitsForDecisionOnInterruption(RunwayJar runway, String runId) throws Exception {
        JsonNode status = runway.ok("status", runId, "--json").json();
        assertThat(status.get("status").asText()).isEqualTo("waiting");
        JsonNode awaiting = status.get("awaiting");
        assertThat(awaiting).as("status --json has awaiting: %s", status).isNotNull();
        assertThat(awaiting.get("kind").asText()).isEqualTo("decision");
        String step = awaiting.get("step").asText();
        assertThat(awaiting.get("reason").asText())
                .contains("step \"" + step + "\" was running (attempt ")
                .contains("when Runway stopped and is not marked idempotent");
        return step;
    }

    private static void assertEveryStepSucceededOnceAndNeverRestartedAfter(JsonNode report) {
        Map<String, Integer> succeeded = new HashMap<>();
        for (JsonNode e : report.get("events")) {
            String type = e.get("type").asText();
            String step = e.get("step").asText();
            if (type.equals("step.succeeded")) succeeded.merge(step, 1, Integer::sum);
            if (type.equals("step.started")) {
                assertThat(succeeded).as("step %s started again after it succeeded (entry %s)", step, e.get("seq"))
                        .doesNotContainKey(step);
            }
        }
        for (String id : stepIds()) {
            assertThat(succeeded.get(id)).as("step.succeeded entries for %s", id).isEqualTo(1);
        }
        for (JsonNode s : report.get("steps")) {
            assertThat(s.get("status").asText()).as("step %s", s.get("id")).isEqualTo("succeeded");
        }
    }

    /** An interrupted non-idempotent step is started again only after a person chose retry. */
    private static void assertNonIdempotentStepsRestartedOnlyByDecision(JsonNode report, Set<String> nonIdempotent,
                                                                        Map<String, Integer> retries) {
        Map<String, Integer> started = new HashMap<>();
        Map<String, Integer> decided = new HashMap<>();
        for (JsonNode e : report.get("events")) {
            String step = e.get("step").asText();
            switch (e.get("type").asText()) {
                case "step.started" -> {
                    int n = started.merge(step, 1, Integer::sum);
                    if (nonIdempotent.contains(step)) {
                        assertThat(decided.getOrDefault(step, 0)).as("retries decided before attempt %d of %s", n, step)
                                .isEqualTo(n - 1);
                    }
                }
                case "decision.made" -> decided.merge(step, 1, Integer::sum);
                default -> { }
            }
        }
        assertThat(decided).isEqualTo(retries);
    }

    /** Journal first: every attempt a step's script logged was recorded as started before. */
    private static void assertEveryLoggedAttemptWasJournaledFirst(JsonNode report, Path log) throws IOException {
        Set<String> journaled = new LinkedHashSet<>();
        for (JsonNode e : report.get("events")) {
            if (e.get("type").asText().equals("step.started")) {
                journaled.add(e.get("step").asText() + " " + e.get("detail").asText().replace("attempt ", ""));
            }
        }
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("start ")) assertThat(journaled).contains(line.substring(6));
        }
    }

    private static List<String> stepIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= STEPS; i++) ids.add(stepId(i));
        return ids;
    }

    private static String stepId(int i) {
        return "step-%02d".formatted(i);
    }

    private Path writeLongRunbook(Random random, Path log, Set<String> nonIdempotent) throws IOException {
        StringBuilder md = new StringBuilder("# Crash drill\n\n## Release\n\n");
        for (int i = 1; i <= STEPS; i++) {
            boolean idempotent = i % NON_IDEMPOTENT_EVERY != 3;
            if (!idempotent) nonIdempotent.add(stepId(i));
            md.append("### Step ").append("%02d".formatted(i)).append("\n\n");
            if (idempotent) md.append("```runway\nidempotent: true\n```\n\n");
            md.append("```bash\n")
                    .append("echo \"start $RUNWAY_STEP_ID $RUNWAY_ATTEMPT\" >> ").append(log).append('\n')
                    .append("sleep 0.").append("%03d".formatted(10 + random.nextInt(71))).append('\n')
                    .append("echo \"done $RUNWAY_STEP_ID\" >> ").append(log).append('\n')
                    .append("```\n\n");
        }
        Path file = dir.resolve("crash-drill.md");
        Files.writeString(file, md);
        return file;
    }
}
