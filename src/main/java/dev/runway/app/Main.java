package dev.runway.app;

import dev.runway.cli.FastStatus;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Entry point: wires the CLI to the system clock. Kept free of picocli types so the fast
 * {@code status} path never loads them (see {@link FastStatus}).
 */
public final class Main {

    private static final Set<String> SPAWNING = Set.of("run", "resume", "rollback", "demo", "aot-train", "serve");

    private Main() {}

    public static void main(String[] args) {
        if ((args.length == 2 || args.length == 3 && args[2].equals("--json")) && args[0].equals(FastStatus.TRAIN)) {
            // The launcher records a status cache from this, one per form scripts poll.
            FastStatus.train(args[1], args.length == 3, Clock.systemUTC());
            Runtime.getRuntime().halt(0);
        }
        OptionalInt fast = fastStatus(args);
        if (fast.isPresent()) {
            // System.exit asks the JDK's logger finder whether to log the exit, and finding it
            // scans the class path, opening and indexing the jar: a fifth of a status call. The
            // fast path has written all it will and holds nothing open that shutdown hooks close.
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(fast.getAsInt());
        }
        System.exit(full(args));
    }

    public static int execute(String... args) {
        OptionalInt fast = fastStatus(args);
        return fast.isPresent() ? fast.getAsInt() : full(args);
    }

    private static OptionalInt fastStatus(String[] args) {
        return firstCommand(args).equals("status") ? FastStatus.tryRun(args, Clock.systemUTC()) : OptionalInt.empty();
    }

    private static int full(String[] args) {
        String command = firstCommand(args);
        if (SPAWNING.contains(command)) ProcessLaunch.configure();
        return CommandLineRunner.execute(Clock.systemUTC(), command, args);
    }

    private static String firstCommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--home") || args[i].equals("--server") || args[i].equals("--token")) { i++; continue; }
            if (!args[i].startsWith("-")) return args[i];
        }
        return "";
    }
}
