package dev.runway.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The CLI called in this JVM on one home, with a clock of the test's choosing, and what it
 * printed: for exact output that holds times ({@code runway logs}' attempt headers). Each call
 * swaps stdout and stderr while it runs, so tests using it must not run in parallel.
 */
public final class InProcessRunway {

    private final Path home;
    private final Clock clock;

    public InProcessRunway(Path home, Clock clock) {
        this.home = home;
        this.clock = clock;
    }

    /** Writes the home's users.yaml with these people ({@code "  alice: [release-manager]\n"}, one a line). */
    public InProcessRunway withUsers(String yamlUsers) {
        try {
            java.nio.file.Files.createDirectories(home);
            java.nio.file.Files.writeString(home.resolve("users.yaml"), "users:\n" + yamlUsers);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return this;
    }

    public Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = CommandLineRunner.execute(clock, null, all.toArray(String[]::new));
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(stdout);
            System.setErr(stderr);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public record Result(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }
}
