package dev.runway.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * Exercises the common paths once (run, status, history, report, plan, lint) so the launcher
 * can record the JVM's ahead-of-time cache from it ({@code -XX:AOTCacheOutput}). With the
 * cache, classes come pre-parsed and pre-linked and a CLI call such as {@code runway status}
 * starts several times faster. Hidden: users never need it.
 */
@Command(name = "aot-train", hidden = true)
final class TrainCommand extends BaseCommand {

    /** Keep the training home here (for a second, status-only training run); default: a temp dir, removed. */
    @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "KEEP_HOME")
    Path keepHome;

    /**
     * Steps in the training's long run. The cache then also holds what a run loads and links
     * only once it is under way (the shells readied ahead, the batched commits). In alternating
     * runs of the benchmark's 1,000 steps, a cache trained on a 300-step run made the first 100
     * steps 0.6 to 1.5 ms faster each than the one trained on two steps, and the whole run a few
     * percent faster.
     */
    private static final int STEP_LOOP = 200;

    static String manySteps(int count) {
        StringBuilder md = new StringBuilder("# Training steps\n\n## Steps\n\n");
        for (int i = 1; i <= count; i++) md.append("### step ").append(i).append("\n\n```bash\ntrue\n```\n\n");
        return md.toString();
    }

    private RunCommand waiting(Path file) {
        RunCommand run = new RunCommand();
        run.root = root;
        run.file = file;
        run.noWait = true;
        run.as = "training-initiator";
        return run;
    }

    @Override
    int execute(Workspace ignored) throws Exception {
        Path dir = Files.createTempDirectory("runway-train");
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        try {
            Path runbook = dir.resolve("train.md");
            Files.writeString(runbook, """
                    ---
                    runbook: training
                    vars:
                      version: { required: true, pattern: '^\\d+$' }
                    ---
                    # Training {version}

                    ## Steps

                    - [ ] Echo works: `echo ok`

                    ### Say hello

                    ```bash
                    echo "hello {version}"
                    ```

                    **Expected output:**

                    ```
                    hello {version}
                    ```

                    ## Rollback

                    ```bash
                    true
                    ```
                    """);
            // Runs left waiting, as status is often asked of: a gate with one of two approvals, a
            // failed step that needs a decision.
            Path gated = dir.resolve("gated.md");
            Files.writeString(gated, """
                    ---
                    runbook: training-gate
                    approvals:
                      release: { count: 2, not_initiator: true }
                    ---
                    # Training gate

                    ## Steps

                    ### Release

                    > **GATE:** release
                    """);
            Path failing = dir.resolve("failing.md");
            Files.writeString(failing, """
                    # Training failure

                    ## Steps

                    ### Fail

                    ```bash
                    false
                    ```
                    """);
            Path steps = dir.resolve("steps.md");
            Files.writeString(steps, manySteps(STEP_LOOP));
            Path home = keepHome != null ? keepHome : dir.resolve("home");
            try (Workspace ws = new Workspace(home, root.clock())) {
                RunCommand loop = new RunCommand();
                loop.root = root;
                loop.file = steps;
                loop.json = true;
                RunCommand run = new RunCommand();
                run.root = root;
                run.file = runbook;
                run.vars = List.of("version=1");
                run.json = true;
                StatusCommand status = new StatusCommand();
                status.root = root;
                HistoryCommand history = new HistoryCommand();
                history.root = root;
                history.limit = 5;
                ReportCommand report = new ReportCommand();
                report.root = root;
                report.format = "md";
                PlanCommand plan = new PlanCommand();
                plan.root = root;
                plan.file = runbook;
                LintCommand lint = new LintCommand();
                lint.root = root;
                lint.files = List.of(runbook);
                RunCommand gate = waiting(gated);
                RunCommand fail = waiting(failing);
                PrintStream out = System.out;
                PrintStream err = System.err;
                System.setOut(quiet);
                System.setErr(quiet);
                try {
                    loop.execute(ws);
                    run.execute(ws);
                    status.execute(ws);
                    status.json = true;
                    status.execute(ws);
                    history.execute(ws);
                    history.json = true;
                    history.execute(ws);
                    report.execute(ws);
                    plan.execute(ws);
                    lint.execute(ws);
                    gate.execute(ws);
                    ApproveCommand approve = new ApproveCommand();
                    approve.root = root;
                    approve.run = ws.store().list(10).stream().filter(r -> r.runbook().equals("training-gate")).findFirst()
                            .orElseThrow().id();
                    approve.as = "training-approver";
                    approve.execute(ws);
                    fail.execute(ws);
                } finally {
                    System.setOut(out);
                    System.setErr(err);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return ExitCodes.OK;
    }
}
