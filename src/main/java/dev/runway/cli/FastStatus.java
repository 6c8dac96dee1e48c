package dev.runway.cli;

import dev.runway.store.SqliteDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import java.util.SimpleTimeZone;
import java.util.TimeZone;

/**
 * Serves the plainest form of the most frequent call, {@code runway status [RUN] [--json]
 * [--home DIR]}, without picocli. Scripts and dashboards poll it; picocli's classes predate the
 * JVM's ahead-of-time class cache, and loading them costs more than the status itself. The
 * same {@link StatusCommand} does the work; any other form (help, unknown options, typos)
 * goes through picocli and gets its full error handling.
 */
public final class FastStatus {

    private static final String SLF4J_PROVIDER = "slf4j.provider";
    private static final String SILENT_PROVIDER = "org.slf4j.helpers.NOP_FallbackServiceProvider";

    /** The hidden argument that runs {@link #train}; only the launcher passes it. */
    public static final String TRAIN = "aot-train-status";

    private FastStatus() {}

    /**
     * Runs {@code status} (or {@code status --json}) on each run in {@code home} (the training
     * leaves some finished and some waiting), printing nothing, so that the JVM's ahead-of-time
     * cache recorded from this call holds that form's classes. Each form has a cache of its own:
     * the JVM loads every class in a cache when it starts, and the text form started about 5 ms
     * sooner without the JSON writer's classes.
     */
    public static void train(String home, boolean json, Clock clock) {
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            // First, as a real call starts: it sets the time zone and silences logging before
            // the database is opened, so the cache records neither the zone database nor Logback
            // (every status call would load all of a cache's classes at its start).
            tryRun(statusArgs(home, null, json), clock);
            List<String> runs;
            try (Workspace ws = Workspace.reading(Path.of(home), clock)) {
                runs = ws.store().list(10).stream().map(dev.runway.engine.RunSummary::id).toList();
            }
            for (String run : runs) {
                tryRun(statusArgs(home, run, json), clock);
            }
        } finally {
            System.setOut(out);
        }
    }

    private static String[] statusArgs(String home, String run, boolean json) {
        List<String> args = new java.util.ArrayList<>(List.of("--home", home, "status"));
        if (run != null) args.add(run);
        if (json) args.add("--json");
        return args.toArray(String[]::new);
    }

    private static void quietLogging() {
        if (System.getProperty(SLF4J_PROVIDER) == null) {
            System.setProperty(SLF4J_PROVIDER, SILENT_PROVIDER);
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
    }

    public static OptionalInt tryRun(String[] args, Clock clock) {
        // A server (flag or $RUNWAY_SERVER) is picocli's business: StatusCommand asks the server.
        String server = System.getenv("RUNWAY_SERVER");
        if (server != null && !server.isBlank()) return OptionalInt.empty();
        Path home = null;
        String run = null;
        boolean json = false;
        boolean sawStatus = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--home") && i + 1 < args.length) {
                home = Path.of(args[++i]);
            } else if (a.startsWith("--home=")) {
                home = Path.of(a.substring("--home=".length()));
            } else if (a.equals("--json") && sawStatus) {
                json = true;
            } else if (a.equals("status") && !sawStatus) {
                sawStatus = true;
            } else if (!a.startsWith("-") && sawStatus && run == null) {
                run = a;
            } else {
                return OptionalInt.empty();
            }
        }
        if (!sawStatus) return OptionalInt.empty();
        // Status prints UTC only. The SQLite driver's date formatter, which Runway never uses,
        // would otherwise read the whole time zone database to find the default zone.
        TimeZone.setDefault(new SimpleTimeZone(0, "UTC"));
        SqliteDatabase.warmUp();
        // Straight to the command's work: building the picocli command objects would load picocli.
        // The SQLite driver logs through SLF4J; binding it to Logback would initialise some 200
        // classes for a call that has nothing to log.
        quietLogging();
        StatusCommand status = new StatusCommand();
        status.run = run;
        status.json = json;
        try (Workspace ws = Workspace.reading(Homes.resolve(home), clock)) {
            return OptionalInt.of(status.execute(ws));
        } catch (UsageError e) {
            System.err.println("runway: " + e.getMessage());
            if (json) System.out.println(ErrorJson.of(ExitCodes.INVALID, e.getMessage()));
            return OptionalInt.of(ExitCodes.INVALID);
        } catch (Exception e) {
            return OptionalInt.empty();
        }
    }
}
