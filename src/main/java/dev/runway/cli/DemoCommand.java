package dev.runway.cli;

import dev.runway.access.Identity;
import dev.runway.engine.Refusal;
import dev.runway.engine.RunEvent.Await;
import dev.runway.engine.RunState;
import dev.runway.engine.RunStatus;
import dev.runway.engine.RunSummary;
import dev.runway.record.AuditVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the bundled example release end to end: a good release, then a broken one that rolls back.")
final class DemoCommand extends BaseCommand {

    static final String APPROVER = "demo-approver";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Override
    int execute(Workspace outer) throws Exception {
        Path runbook = examples().resolve("release.md");
        if (!Files.exists(runbook)) throw new UsageError("cannot find the demo runbook " + runbook + " (run ./runway demo from the repository)");
        // Each demo gets its own home, so an interrupted earlier demo never holds the release lock.
        Path home = outer.home().resolve("demos").resolve(STAMP.format(outer.clock().instant()));
        Path work = home.resolve("work");
        Files.createDirectories(work);
        String initiator = System.getProperty("user.name", "release-manager");
        Files.writeString(home.resolve("users.yaml"), "users:\n  " + yamlKey(initiator) + ": [release-manager]\n  " + APPROVER + ": [approver]\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> runs = new ArrayList<>();
        int exit = ExitCodes.OK;
        try (Workspace ws = new Workspace(home, outer.clock())) {
            err().println("== Runway demo: releasing demo-service 1.1.0, then a broken 1.2.0 that must roll back ==");
            err().println("   record: " + home);
            err().println();
            RunStatus good = release(ws, runbook, "1.1.0", "1.0.0", work, java, initiator, runs);
            err().println();
            RunStatus broken = release(ws, runbook, "1.2.0-broken", "1.1.0", work, java, initiator, runs);
            if (good != RunStatus.SUCCEEDED || broken != RunStatus.ROLLED_BACK) exit = ExitCodes.FAILED;
            var audit = AuditVerifier.verify(ws.store().auditSnapshot(), null);
            out().println();
            out().println("Demo finished.");
            for (RunSummary r : ws.store().list(10)) {
                out().printf("  run %s  %-12s %s %s%n", r.id(), r.status().label(), r.runbook(), r.vars().get("version"));
            }
            out().println("  audit chain: " + (audit.ok() ? "intact (" + audit.entries() + " entries)" : "BROKEN: " + audit.problem()));
            out().println();
            out().println("The record is in " + home);
            out().println("  ./runway history --home " + home);
            for (String id : runs) out().println("  ./runway report " + id + " --home " + home);
            out().println("  ./runway audit verify --home " + home);
        } finally {
            stopServices(work);
        }
        return exit;
    }

    private RunStatus release(Workspace ws, Path runbook, String version, String previous, Path work, String java,
                              String initiator, List<String> runs) throws Exception {
        err().println("== release " + version + " (previous " + previous + ") ==");
        List<String> args = List.of("version=" + version, "previous_version=" + previous,
                "workdir=" + work, "java=" + java);
        Thread approver = Thread.ofVirtual().start(() -> approveWhenAsked(ws.home(), ws, runs));
        RunCommand run = new RunCommand();
        run.root = root;
        run.file = runbook;
        run.vars = args;
        run.as = initiator;
        int code;
        try (Workspace own = new Workspace(ws.home(), ws.clock())) {
            code = run.execute(own);
        } finally {
            approver.interrupt();
            approver.join();
        }
        RunSummary newest = ws.store().list(1).get(0);
        if (!runs.contains(newest.id())) runs.add(newest.id());
        return code == ExitCodes.INVALID ? RunStatus.FAILED : newest.status();
    }

    /** Plays the second person: approves the production gate from its own connection, as another terminal would. */
    private void approveWhenAsked(Path home, Workspace ws, List<String> runs) {
        try (Workspace mine = new Workspace(home, ws.clock())) {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(150);
                var newest = mine.store().list(1);
                if (newest.isEmpty() || runs.contains(newest.get(0).id())) continue;
                String runId = newest.get(0).id();
                RunState state = mine.state(runId);
                if (state.awaiting() != null && state.awaiting().await() == Await.GATE) {
                    Identity who = mine.identity(APPROVER);
                    err().println("         demo: " + APPROVER + " (a second identity with the approver role) approves gate \""
                            + state.awaiting().step() + "\"; the initiator may not approve their own release");
                    try {
                        mine.interventions().approve(runId, who, "staging looks healthy (demo approval)");
                    } catch (Refusal r) {
                        err().println("         demo: approval refused: " + r.getMessage());
                    }
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Without its approver the demo would wait at the gate for ever: say why, loudly.
            err().println("         demo: the demo approver stopped: " + e.getMessage()
                    + "; approve by hand: ./runway approve RUN --as " + APPROVER + " --home " + home);
        }
    }

    private void stopServices(Path work) throws IOException, InterruptedException {
        Path stop = examples().resolve("demo-stop.sh");
        if (!Files.exists(stop)) return;
        Process p = new ProcessBuilder("bash", stop.toString(), work.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    static Path examples() {
        String repo = System.getProperty("runway.repo");
        Path base = repo != null ? Path.of(repo) : Path.of("").toAbsolutePath();
        return base.resolve("examples");
    }

    private static String yamlKey(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
