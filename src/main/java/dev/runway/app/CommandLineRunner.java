package dev.runway.app;

import dev.runway.cli.ErrorJson;
import dev.runway.cli.RunwayCommand;
import dev.runway.cli.UsageError;
import java.time.Clock;
import picocli.CommandLine;

/** Runs the picocli command line and maps failures to exit codes: usage errors 2, the rest 1. */
final class CommandLineRunner {

    private CommandLineRunner() {}

    static int execute(Clock clock, String command, String[] args) {
        CommandLine cli = RunwayCommand.commandLine(clock, command);
        cli.setExpandAtFiles(false);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        boolean json = ErrorJson.wanted(args);
        // picocli's own handler (message, suggestions, usage, exit code), plus the JSON answer a
        // pipeline parsing stdout waits for.
        CommandLine.IParameterExceptionHandler picocliHandler = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((ex, given) -> {
            int exit = picocliHandler.handleParseException(ex, given);
            if (json) ex.getCommandLine().getOut().println(ErrorJson.of(exit, ex.getMessage()));
            return exit;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof UsageError u) {
                cmd.getErr().println("runway: " + u.getMessage());
                if (json) cmd.getOut().println(ErrorJson.of(2, u.getMessage()));
                return 2;
            }
            if (ex instanceof dev.runway.access.InvalidUsersFile bad) {
                cmd.getErr().println(bad.getMessage());
                if (json) cmd.getOut().println(ErrorJson.of(2, bad.getMessage()));
                return 2;
            }
            if (ex instanceof dev.runway.store.StoreException store) {
                // A home that is not a directory, a file that is not a database: the home given is wrong, say so in a line.
                cmd.getErr().println("runway: " + store.getMessage());
                if (json) cmd.getOut().println(ErrorJson.of(2, store.getMessage()));
                return 2;
            }
            if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException) {
                cmd.getErr().println("runway: " + ex.getMessage());
                if (json) cmd.getOut().println(ErrorJson.of(1, ex.getMessage()));
                return 1;
            }
            cmd.getErr().println("runway: internal error: " + ex);
            ex.printStackTrace(cmd.getErr());
            return 1;
        });
        return cli.execute(args);
    }
}
