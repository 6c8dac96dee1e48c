package dev.runway.app;

import dev.runway.cli.FastStatus;
import java.time.Clock;
import java.util.Set;

/**
 * Entry point: wires the CLI to the system clock. Kept free of picocli types so the fast
 * {@code status} path never loads them (see {@link FastStatus}).
 */
public final class Main {

    private static final Set<String> SPAWNING = Set.of("run", "resume", "rollback", "demo", "aot-train", "serve");

    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        String command = firstCommand(args);
        if (command.equals("status")) {
            var fast = FastStatus.tryRun(args, Clock.systemUTC());
            if (fast.isPresent()) return fast.getAsInt();
        }
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
