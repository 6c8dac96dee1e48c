package dev.runway.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(name = "runway", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Runs release runbooks written in Markdown: commands, checks, gates, rollback, a verifiable record.",
        subcommands = {LintCommand.class, PlanCommand.class, RunCommand.class, StatusCommand.class,
                ApproveCommand.class, RejectCommand.class, ConfirmCommand.class, DecideCommand.class,
                ResumeCommand.class, RollbackCommand.class, LogsCommand.class, HistoryCommand.class,
                ReportCommand.class, AuditCommand.class, DemoCommand.class},
        footer = {"", "Exit codes: 0 succeeded, 1 failed or aborted, 2 invalid input or usage, 3 rolled back,",
                "4 waiting for a person (with --no-wait).", "State lives in --home DIR, $RUNWAY_HOME or ~/.runway."})
public final class RunwayCommand implements Runnable {

    @Option(names = "--home", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where runs are stored (default: $RUNWAY_HOME, else ~/.runway).")
    Path home;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required (try runway --help)");
    }

    private final java.time.Clock clock;

    public RunwayCommand(java.time.Clock clock) {
        this.clock = clock;
    }

    java.time.Clock clock() {
        return clock;
    }

    Path home() {
        if (home != null) return home.toAbsolutePath();
        String env = System.getenv("RUNWAY_HOME");
        if (env != null && !env.isBlank()) return Path.of(env).toAbsolutePath();
        return Path.of(System.getProperty("user.home"), ".runway");
    }
}
