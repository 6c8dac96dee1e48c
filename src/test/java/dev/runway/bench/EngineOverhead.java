package dev.runway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How much Runway adds per step over running the same commands from bash: a runbook of N
 * {@code true} steps against a bash loop of N {@code bash -c true}, end to end (JVM start-up
 * included) and in-process (from the journal: first {@code step.started} to
 * {@code run.finished}). Then {@code runway status} on the finished home. Run it through
 * {@code bench/engine-overhead.sh}, which finds the JDK and the jar:
 *
 * <pre>{@code java -cp target/runway.jar src/test/java/dev/runway/bench/EngineOverhead.java \
 *     --java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --jar target/runway.jar --steps 1000 --repeat 3}</pre>
 *
 * <p>{@code --against OTHER/runway} also runs another checkout's launcher in each repetition, in
 * alternating order: on a machine whose speed drifts within minutes, a change shows only against
 * a reference measured beside it.
 */
public final class EngineOverhead {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String java;
    private final String jar;
    private final int steps;
    private final int repeat;
    private final Path work;
    private final String launcher;

    /** Another checkout's launcher, measured in the same repetitions (null: none). */
    private final String against;

    private EngineOverhead(String java, String jar, String launcher, String against, int steps, int repeat, Path work) {
        this.launcher = launcher;
        this.against = against;
        this.java = java;
        this.jar = jar;
        this.steps = steps;
        this.repeat = repeat;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        String java = null, jar = null, launcher = null, against = null;
        int steps = 1000, repeat = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--java" -> java = args[++i];
                case "--jar" -> jar = args[++i];
                case "--runway" -> launcher = args[++i];
                case "--against" -> against = args[++i];
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (java == null || jar == null) throw new IllegalArgumentException("--java and --jar are required");
        Path work = Files.createTempDirectory("runway-bench-");
        try {
            new EngineOverhead(java, jar, launcher, against, steps, repeat, work).measure();
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** One run's figures: wall time, first step start to run end, and run start to first step. */
    private record Timing(double wall, double inProcess, double toFirstStep, String home, String run) {}

    private void measure() throws Exception {
        Path runbook = work.resolve("overhead.md");
        Files.writeString(runbook, runbook(steps));
        System.out.printf("runbook: %s (%d steps of `true`), %d repetitions, medians shown%n", runbook, steps, repeat);
        System.out.printf("java: %s%n", java);
        if (against != null) {
            System.out.printf("against: %s, in the same repetitions, in alternating order%n", against);
            exec(List.of(against, "--version")); // builds its jar and caches now, not inside a timed run
        }
        System.out.println();

        double[] bash = new double[repeat];
        double[] runway = new double[repeat];
        double[] inProcess = new double[repeat];
        double[] startUp = new double[repeat];
        double[] otherWall = new double[repeat];
        double[] otherInProcess = new double[repeat];
        Timing last = null;
        for (int r = 0; r < repeat; r++) {
            bash[r] = seconds(() -> exec(List.of("bash", "-c", "for ((i = 0; i < " + steps + "; i++)); do bash -c true; done")));
            // Alternating which goes first, so neither always follows the bash loop.
            Timing other = against != null && r % 2 == 1 ? run(against, runbook, "other-" + r) : null;
            Timing t = run(launcher, runbook, "home-" + r);
            if (against != null && other == null) other = run(against, runbook, "other-" + r);
            runway[r] = t.wall();
            inProcess[r] = t.inProcess();
            startUp[r] = t.wall() - t.inProcess();
            System.out.printf("  repetition %d: bash %.3f s, runway %.3f s (in-process %.3f s, outside the steps %.3f s; run.started→first step %.3f s)%n",
                    r + 1, bash[r], runway[r], inProcess[r], startUp[r], t.toFirstStep());
            if (other != null) {
                otherWall[r] = other.wall();
                otherInProcess[r] = other.inProcess();
                System.out.printf("                 against: runway %.3f s (in-process %.3f s)%n", other.wall(), other.inProcess());
            }
            last = t;
        }
        double a = median(bash), b = median(runway), c = median(inProcess), s = median(startUp);
        System.out.println();
        System.out.printf("%-58s %10s %10s %8s%n", "measurement (" + steps + " steps)", "total s", "ms/step", "ratio");
        System.out.printf("%-58s %10.3f %10.3f %8s%n", "(a) bash loop: bash -c true", a, a * 1000 / steps, "1.00");
        System.out.printf("%-58s %10.3f %10.3f %8.2f%n", "(b) runway run, wall (JVM start, parse, steps, exit)", b, b * 1000 / steps, b / a);
        System.out.printf("%-58s %10.3f %10.3f %8.2f%n", "(c) runway in-process: first step.started → run.finished", c, c * 1000 / steps, c / a);
        System.out.printf("%-58s %10.3f %10s %8s%n", "    b − c: start-up, parse, bind, exit (fixed per run)", s, "", "");
        System.out.printf("%-58s %10s %10.3f %8s%n", "    c − a per step: engine + journal overhead per step", "", (c - a) * 1000 / steps, "");
        if (against != null) {
            double ob = median(otherWall), oc = median(otherInProcess);
            System.out.printf("%-58s %10.3f %10.3f %8.2f%n", "(b') against, wall", ob, ob * 1000 / steps, ob / a);
            System.out.printf("%-58s %10.3f %10.3f %8.2f%n", "(c') against, in-process", oc, oc * 1000 / steps, oc / a);
        }
        System.out.println();
        status(last.home(), last.run());
    }

    /** A run of the runbook in a fresh home through {@code runner}; its times are read back from its journal. */
    private Timing run(String runner, Path runbook, String homeName) throws Exception {
        String home = work.resolve(homeName).toString();
        long t0 = System.nanoTime();
        exec(runway(runner, home, "run", runbook.toString(), "--json"));
        double wall = (System.nanoTime() - t0) / 1e9;
        JsonNode runs = JSON.readTree(exec(runway(runner, home, "history", "--json")));
        String run = runs.get(0).get("run").asText();
        JsonNode report = JSON.readTree(exec(runway(runner, home, "report", run, "--format", "json")));
        Instant firstStart = null, runStarted = null, finished = null;
        for (JsonNode e : report.get("events")) {
            Instant at = Instant.parse(e.get("at").asText());
            switch (e.get("type").asText()) {
                case "run.started" -> runStarted = at;
                case "step.started" -> { if (firstStart == null) firstStart = at; }
                case "run.finished" -> finished = at;
                default -> { }
            }
        }
        if (!"succeeded".equals(report.get("status").asText()) || firstStart == null || finished == null) {
            throw new IllegalStateException("run " + run + " did not succeed: " + report.get("status"));
        }
        return new Timing(wall, Duration.between(firstStart, finished).toNanos() / 1e9,
                Duration.between(runStarted, firstStart).toNanos() / 1e9, home, run);
    }

    /** {@code runway status} on a home holding one finished 1,000-step run. */
    private void status(String home, String run) throws Exception {
        List<String> command = runway(launcher, home, "status", run);
        String line = String.join(" ", command.stream().map(EngineOverhead::quote).toList());
        if (onPath("hyperfine")) {
            Path export = work.resolve("status.json");
            exec(List.of("hyperfine", "--warmup", "3", "--runs", "20", "--style", "none", "--export-json", export.toString(), line));
            JsonNode result = JSON.readTree(export.toFile()).get("results").get(0);
            System.out.printf("runway status (hyperfine, 20 runs): mean %.1f ms ± %.1f ms, min %.1f ms, max %.1f ms%n",
                    result.get("mean").asDouble() * 1000, result.get("stddev").asDouble() * 1000,
                    result.get("min").asDouble() * 1000, result.get("max").asDouble() * 1000);
        } else {
            exec(command);
            double[] t = new double[20];
            for (int i = 0; i < t.length; i++) t[i] = seconds(() -> exec(command)) * 1000;
            Arrays.sort(t);
            System.out.printf("runway status (loop of 20, hyperfine not installed): median %.1f ms, min %.1f ms, max %.1f ms%n",
                    median(t), t[0], t[t.length - 1]);
        }
        System.out.println("  " + line);
    }

    static String runbook(int steps) {
        StringBuilder md = new StringBuilder("# Engine overhead\n\n## Steps\n\n");
        for (int i = 1; i <= steps; i++) {
            md.append("### step ").append(i).append("\n\n```bash\ntrue\n```\n\n");
        }
        return md.toString();
    }

    /** Through a launcher when given (its JVM flags and AOT cache are what users get), else the bare jar. */
    private List<String> runway(String runner, String home, String... args) {
        List<String> c = runner != null
                ? new ArrayList<>(List.of(runner, "--home", home))
                : new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar, "--home", home));
        c.addAll(List.of(args));
        return c;
    }

    private interface Call {
        void run() throws Exception;
    }

    private static double seconds(Call call) throws Exception {
        long t0 = System.nanoTime();
        call.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Runs a command with stderr discarded; returns stdout; fails on a non-zero exit. */
    private String exec(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        int code = p.waitFor();
        String text = Files.readString(out);
        Files.delete(out);
        if (code != 0) throw new IllegalStateException(String.join(" ", command) + " exited " + code + ": " + text);
        return text;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    private static String quote(String s) {
        return s.matches("[\\w@%+=:,./-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
