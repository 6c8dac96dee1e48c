package dev.runway.app;

import dev.runway.cli.UsageError;
import dev.runway.cli.RunwayCommand;
import java.time.Clock;
import java.util.Set;
import picocli.CommandLine;

/** Entry point: wires the CLI to the system clock and maps failures to exit codes. */
public final class Main {

    private static final Set<String> SPAWNING = Set.of("run", "resume", "rollback", "demo", "aot-train");

    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        String command = firstCommand(args);
        if (SPAWNING.contains(command)) ProcessLaunch.configure();
        CommandLine cli = RunwayCommand.commandLine(Clock.systemUTC(), command);
        cli.setExpandAtFiles(false);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof UsageError u) {
                cmd.getErr().println("runway: " + u.getMessage());
                return 2;
            }
            if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException) {
                cmd.getErr().println("runway: " + ex.getMessage());
                return 1;
            }
            cmd.getErr().println("runway: internal error: " + ex);
            ex.printStackTrace(cmd.getErr());
            return 1;
        });
        return cli.execute(args);
    }

    private static String firstCommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--home")) { i++; continue; }
            if (!args[i].startsWith("-")) return args[i];
        }
        return "";
    }
}
