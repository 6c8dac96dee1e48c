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

    /**
     * Writes a whole text at once, encoded as stdout would encode it. A thousand-line status
     * through PrintStream's character encoder took about 4 ms in a fresh JVM; String's own
     * encoding is a fraction of that.
     */
    void printAll(CharSequence text) {
        PrintStream out = out();
        out.writeBytes(text.toString().getBytes(out.charset()));
        out.flush();
    }

    PrintStream err() {
        return System.err;
    }

    @Override
    public final Integer call() throws Exception {
        String server = root.server();
        if (server != null && this instanceof Remote remote) {
            try (ServerClient client = new ServerClient(server, root.token())) {
                return remote.remote(client);
            } catch (ServerClient.Failure f) {
                err().println("runway: " + f.getMessage());
                return f.exit;
            }
        }
        if (root.serverFlag()) {
            throw new UsageError("runway " + getClass().getAnnotation(picocli.CommandLine.Command.class).name()
                    + " works on the local store only; drop --server");
        }
        try (Workspace ws = readsOnly() ? Workspace.reading(root.home(), root.clock()) : new Workspace(root.home(), root.clock())) {
            return execute(ws);
        }
    }

    /** The input's problems, to stderr as FILE:LINE:COL lines and with --json also to stdout; exit 2. */
    int invalid(java.util.List<dev.runway.runbook.Diagnostic> errors, boolean json) {
        errors.forEach(d -> err().println(d.format()));
        if (json) out().println(ErrorJson.of(ExitCodes.INVALID, errors));
        return ExitCodes.INVALID;
    }

    abstract int execute(Workspace ws) throws Exception;

    /** A command that only reads the record must not create it: in a home without a store it has nothing to show. */
    boolean readsOnly() {
        return false;
    }

    /** A command that can also work against a runway server (--server URL / $RUNWAY_SERVER). */
    interface Remote {
        int remote(ServerClient server) throws Exception;
    }

    /** --as names a local identity; with a server the token says who you are. */
    static void refuseAs(String as) {
        if (as != null) throw new UsageError("--as does not apply with --server: the token says who you are");
    }
}
