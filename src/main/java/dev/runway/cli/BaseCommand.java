package dev.runway.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** What every subcommand shares: the home directory, the clock, stdout for results, stderr for the rest. */
abstract class BaseCommand implements Callable<Integer> {

    @ParentCommand
    RunwayCommand root;

    PrintStream out() {
        return System.out;
    }

    PrintStream err() {
        return System.err;
    }

    @Override
    public final Integer call() throws Exception {
        try (Workspace ws = new Workspace(root.home(), root.clock())) {
            return execute(ws);
        }
    }

    abstract int execute(Workspace ws) throws Exception;
}
