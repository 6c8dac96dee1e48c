package dev.runway.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(name = "runway", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Runs release runbooks written in Markdown: commands, checks, gates, rollback, a verifiable record.",
        footer = {"", "Exit codes: 0 succeeded, 1 failed or aborted, 2 invalid input or usage, 3 rolled back,",
                "4 waiting for a person (with --no-wait).", "State lives in --home DIR, $RUNWAY_HOME or ~/.runway;",
                "with --server URL --token T ($RUNWAY_SERVER, $RUNWAY_TOKEN) runs live on that server."})
public final class RunwayCommand implements Runnable {

    @Option(names = "--home", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where runs are stored (default: $RUNWAY_HOME, else ~/.runway).")
    Path home;

    @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Talk to this runway server instead of the local store (default: $RUNWAY_SERVER); "
                    + "for run, status, approve, reject, confirm, decide, rollback and logs.")
    String server;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "The API token for --server (default: $RUNWAY_TOKEN).")
    String token;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required (try runway --help)");
    }

    /** In the order --help lists them. */
    static final java.util.Map<String, java.util.function.Supplier<Object>> COMMANDS = commands();

    private static java.util.Map<String, java.util.function.Supplier<Object>> commands() {
        java.util.Map<String, java.util.function.Supplier<Object>> m = new java.util.LinkedHashMap<>();
        m.put("lint", LintCommand::new);
        m.put("plan", PlanCommand::new);
        m.put("run", RunCommand::new);
        m.put("status", StatusCommand::new);
        m.put("approve", ApproveCommand::new);
        m.put("reject", RejectCommand::new);
        m.put("confirm", ConfirmCommand::new);
        m.put("decide", DecideCommand::new);
        m.put("resume", ResumeCommand::new);
        m.put("rollback", RollbackCommand::new);
        m.put("logs", LogsCommand::new);
        m.put("history", HistoryCommand::new);
        m.put("report", ReportCommand::new);
        m.put("audit", AuditCommand::new);
        m.put("serve", ServeCommand::new);
        m.put("token", TokenCommand::new);
        m.put("user", UserCommand::new);
        m.put("demo", DemoCommand::new);
        m.put("aot-train", TrainCommand::new);
        return m;
    }

    /**
     * The command line with only the subcommand being called registered: picocli reads every
     * registered command's annotations up front, which for all of them costs more start-up
     * time than a whole {@code runway status}. Help and unknown commands get them all.
     */
    public static picocli.CommandLine commandLine(java.time.Clock clock, String name) {
        picocli.CommandLine cli = new picocli.CommandLine(new RunwayCommand(clock));
        if (name != null && COMMANDS.containsKey(name)) {
            cli.addSubcommand(name, COMMANDS.get(name).get());
        } else {
            COMMANDS.forEach((n, make) -> cli.addSubcommand(n, make.get()));
        }
        return cli;
    }

    private final java.time.Clock clock;

    public RunwayCommand(java.time.Clock clock) {
        this.clock = clock;
    }

    java.time.Clock clock() {
        return clock;
    }

    Path home() {
        return Homes.resolve(home);
    }

    /** The server given with --server, else $RUNWAY_SERVER; null when the CLI works on the local store. */
    String server() {
        return firstSet(server, System.getenv("RUNWAY_SERVER"));
    }

    String token() {
        return firstSet(token, System.getenv("RUNWAY_TOKEN"));
    }

    /** Whether --server was given on the command line (not only in the environment). */
    boolean serverFlag() {
        return server != null && !server.isBlank();
    }

    private static String firstSet(String flag, String env) {
        if (flag != null && !flag.isBlank()) return flag;
        return env == null || env.isBlank() ? null : env;
    }
}
