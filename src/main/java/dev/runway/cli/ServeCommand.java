package dev.runway.cli;

import dev.runway.server.RunwayServer;
import dev.runway.server.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the REST API (described at /openapi.yaml) on the embedded store.",
                "Runbooks are started only from --runbooks DIR. Options default from RUNWAY_PORT, RUNWAY_BIND, RUNWAY_RUNBOOKS."})
final class ServeCommand extends BaseCommand {

    @Option(names = "--port", paramLabel = "PORT", description = "0 picks a free port (default: $RUNWAY_PORT, else 8080).")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: $RUNWAY_BIND, else 127.0.0.1).")
    String bind;

    @Option(names = "--runbooks", paramLabel = "DIR", description = "The directory runbooks are started from (default: $RUNWAY_RUNBOOKS).")
    Path runbooks;

    @Override
    int execute(Workspace ws) throws InterruptedException {
        int chosenPort = port != null ? port : parsePort(env("RUNWAY_PORT", "8080"));
        String host = bind != null ? bind : env("RUNWAY_BIND", "127.0.0.1");
        Path dir = runbooks != null ? runbooks : (env("RUNWAY_RUNBOOKS", null) == null ? null : Path.of(env("RUNWAY_RUNBOOKS", null)));
        if (dir == null) throw new UsageError("serve needs --runbooks DIR (or RUNWAY_RUNBOOKS): runbooks are started only from there");
        if (!Files.isDirectory(dir)) throw new UsageError("--runbooks " + dir + " is not a directory");
        Settings settings;
        try {
            settings = new Settings(host, chosenPort, dir.toAbsolutePath(), Settings.DEFAULT_MAX_BODY);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        RunwayServer server = RunwayServer.embedded(ws.home(), settings, ws.clock()).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err().println("runway: stopping; runs in progress stay resumable");
            server.stop();
            stopped.countDown();
        }, "runway-stop"));
        out().println("runway: serving on http://" + host + ":" + server.port());
        out().flush();
        stopped.await();
        return ExitCodes.OK;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new UsageError("RUNWAY_PORT \"" + text + "\" is not a port number");
        }
    }
}
