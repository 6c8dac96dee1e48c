package dev.runway.bench;

import com.sun.net.httpserver.HttpServer;
import dev.runway.engine.step.ObserveExecutor;
import dev.runway.engine.step.SecretMasker;
import dev.runway.engine.step.StepContext;
import dev.runway.engine.step.StepOutcome;
import dev.runway.plan.Binder;
import dev.runway.plan.Plan;
import dev.runway.runbook.RunbookLoader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What verification costs and how fast it reacts, measured on the real {@link ObserveExecutor}
 * in-process (no journal, no CLI; the same code an {@code observe:} step runs):
 *
 * <ol>
 * <li><b>Detection latency.</b> A loopback server answers 200 until a switch time t0 and 500
 *     after it. An observe window probes it every 1s with the rule
 *     {@code health.error_rate > 50% for 5s}. Latency is t0 → the moment
 *     {@code ObserveExecutor.execute} returns its Failed outcome (when the engine would record the
 *     failure and start the rollback; the journal write after that is not included). The bound
 *     it is compared with is the rule's {@code for} plus one sample interval (6s): t0 falls at a
 *     random phase of the probe's schedule, so the first failing sample comes up to 1s after t0.
 *     With the probe's {@code window: 1} the error rate is 100% on the first failing request;
 *     with {@code window: 2} it is only 50% (not above) on the first one and the rule starts its
 *     streak a sample later, which the second row shows.</li>
 * <li><b>Many windows.</b> N observe windows (default 500) at once in this JVM, each probing a
 *     loopback server every second for S seconds (default 30). The server is a child JVM, so the
 *     CPU and memory measured (this process: getProcessCpuTime, VmRSS) are Runway's windows only.
 *     Each window runs on a virtual thread, as many runs sharing a process would.</li>
 * </ol>
 *
 * Run it through {@code bench/verification.sh}, which passes the JVM flags {@code ./runway} uses:
 *
 * <pre>{@code java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp target/runway.jar \
 *     src/test/java/dev/runway/bench/VerificationBench.java --java "$(command -v java)" --jar target/runway.jar \
 *     --self src/test/java/dev/runway/bench/VerificationBench.java}</pre>
 */
public final class VerificationBench {

    public static void main(String[] args) throws Exception {
        String java = null, jar = null, self = null;
        int trials = 5, windows = 500, seconds = 30;
        boolean serve = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--java" -> java = args[++i];
                case "--jar" -> jar = args[++i];
                case "--self" -> self = args[++i];
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--windows" -> windows = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--serve" -> serve = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (serve) {
            serve();
            return;
        }
        if (java == null || jar == null || self == null) throw new IllegalArgumentException("--java, --jar and --self are required");
        System.out.printf("java: %s; JVM flags of this (measured) process: %s%n%n", System.getProperty("java.home"),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        List<String> rows = new ArrayList<>();
        rows.addAll(detection(1, trials));
        rows.addAll(detection(2, Math.max(3, trials - 2)));
        System.out.println();
        many(java, jar, self, windows, seconds);
        System.out.println();
        System.out.println("detection latency: t0 (server starts answering 500) → ObserveExecutor returns Failed; bound = for 5s + one 1s interval");
        System.out.printf("%-34s %7s %10s %10s %10s %10s %8s%n", "probe window", "trials", "median s", "max s", "ratio med", "ratio max", "target");
        rows.forEach(System.out::println);
    }

    // ---------------------------------------------------------------- detection latency

    private static List<String> detection(int probeWindow, int trials) throws Exception {
        AtomicLong switchAt = new AtomicLong(Long.MAX_VALUE);
        AtomicLong firstFailure = new AtomicLong(Long.MAX_VALUE);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/health", ex -> {
            long now = System.nanoTime();
            boolean failing = now - switchAt.get() >= 0;
            if (failing) firstFailure.compareAndSet(Long.MAX_VALUE, now);
            byte[] body = (failing ? "down" : "ok").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(failing ? 500 : 200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
        Plan plan = plan("monitors:\n  health: { probe: 'GET " + url + "', every: 1s, window: " + probeWindow + " }\n",
                "observe: 2m\nrules: ['health.error_rate > 50% for 5s']\n");
        double[] latency = new double[trials];
        try {
            System.out.printf("detection, probe window: %d (%d trials)%n", probeWindow, trials);
            for (int t = 0; t < trials; t++) {
                List<String> lines = new ArrayList<>();
                firstFailure.set(Long.MAX_VALUE);
                // Healthy for 1.5s to 2.5s after the window starts: t0 lands at a random phase of the 1s probe schedule.
                long start = System.nanoTime();
                long t0 = start + 1_500_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
                switchAt.set(t0);
                StepOutcome out = new ObserveExecutor(Clock.systemUTC()).execute(context(plan, lines::add));
                long returned = System.nanoTime();
                switchAt.set(Long.MAX_VALUE);
                if (!(out instanceof StepOutcome.Failed failed)) {
                    throw new IllegalStateException("trial " + (t + 1) + ": expected the rule to fire, got " + out);
                }
                latency[t] = (returned - t0) / 1e9;
                System.out.printf("  trial %d: t0 → first 500 answered %.3f s, first 500 → Failed %.3f s, t0 → Failed %.3f s (ratio %.3f)  [%s]%n",
                        t + 1, (firstFailure.get() - t0) / 1e9, (returned - firstFailure.get()) / 1e9, latency[t],
                        latency[t] / 6.0, failed.reason());
                Thread.sleep(200); // let the window's last probes drain before the next trial
            }
        } finally {
            server.stop(0);
        }
        Arrays.sort(latency);
        double median = median(latency), max = latency[latency.length - 1];
        return List.of(String.format("%-34s %7d %10.3f %10.3f %10.3f %10.3f %8s",
                "window: " + probeWindow + (probeWindow == 1 ? " (100% on 1st failure)" : " (50% on 1st, not >50%)"),
                trials, median, max, median / 6.0, max / 6.0, "≤ 1.05"));
    }

    // ---------------------------------------------------------------- many windows

    private static void many(String java, String jar, String self, int windows, int seconds) throws Exception {
        Process server = new ProcessBuilder(java, "-cp", jar, self, "--serve")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String port = reader.readLine();
            if (port == null) throw new IllegalStateException("the server process exited before giving its port");
            String url = "http://127.0.0.1:" + port.strip() + "/health";
            Plan plan = plan("monitors:\n  health: { probe: 'GET " + url + "', every: 1s }\n",
                    "observe: " + seconds + "s\nrules: ['health.error_rate > 50% for 5s']\n");
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            var threads = ManagementFactory.getThreadMXBean();
            System.gc();
            long rssBefore = status("VmRSS");
            System.out.printf("many windows: %d observe windows of %ds in this JVM (pid %d), probing %s (server: child JVM pid %d)%n",
                    windows, seconds, ProcessHandle.current().pid(), url, server.pid());
            System.out.printf("  before: RSS %.1f MiB (after compiling this file and loading Runway), %d platform threads%n",
                    rssBefore / 1024.0, threads.getThreadCount());

            Map<String, Integer> outcomes = new ConcurrentHashMap<>();
            AtomicLong sampleCount = new AtomicLong();
            Pattern samplesIn = Pattern.compile("\\((\\d+) samples\\)");
            long cpu0 = os.getProcessCpuTime(), wall0 = System.nanoTime();
            long rssPeak = 0;
            int threadPeak = 0;
            long cpuSteady0 = -1, wallSteady0 = 0, cpuSteady1 = -1, wallSteady1 = 0;
            List<Future<?>> running = new ArrayList<>();
            try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < windows; i++) {
                    long delayMs = i * 1000L / windows; // spread the probes' phases over one second
                    running.add(callers.submit(() -> {
                        Thread.sleep(delayMs);
                        StepOutcome out = new ObserveExecutor(Clock.systemUTC()).execute(context(plan, line -> { }));
                        outcomes.merge(out.getClass().getSimpleName(), 1, Integer::sum);
                        Matcher m = samplesIn.matcher(out instanceof StepOutcome.Succeeded s ? s.detail() : "");
                        if (m.find()) sampleCount.addAndGet(Long.parseLong(m.group(1)));
                        if (!(out instanceof StepOutcome.Succeeded)) System.out.println("  window ended " + out);
                        return null;
                    }));
                }
                // Steady state: from 5s in (all windows started, JIT mostly done) until 3s before the end.
                long steadyFrom = wall0 + 5_000_000_000L, steadyTo = wall0 + (seconds - 3) * 1_000_000_000L;
                while (running.stream().anyMatch(f -> !f.isDone())) {
                    Thread.sleep(250);
                    rssPeak = Math.max(rssPeak, status("VmRSS"));
                    threadPeak = Math.max(threadPeak, threads.getThreadCount());
                    long now = System.nanoTime();
                    if (cpuSteady0 < 0 && now >= steadyFrom) { cpuSteady0 = os.getProcessCpuTime(); wallSteady0 = now; }
                    if (cpuSteady1 < 0 && now >= steadyTo) { cpuSteady1 = os.getProcessCpuTime(); wallSteady1 = now; }
                }
                for (Future<?> f : running) f.get();
            }
            long cpu1 = os.getProcessCpuTime(), wall1 = System.nanoTime();
            long rssEnd = status("VmRSS");
            double share = (double) (cpu1 - cpu0) / (wall1 - wall0);
            double steady = cpuSteady1 > 0 ? (double) (cpuSteady1 - cpuSteady0) / (wallSteady1 - wallSteady0) : Double.NaN;
            System.out.printf("  outcomes: %s; %d samples in all (%.1f per window; %.0f probes/s)%n", outcomes, sampleCount.get(),
                    (double) sampleCount.get() / windows, sampleCount.get() / ((wall1 - wall0) / 1e9));
            System.out.printf("  peak platform threads: %d%n", threadPeak);
            System.out.println();
            System.out.printf("%-62s %12s %10s%n", "many windows: this process only (server in a child JVM)", "measured", "target");
            System.out.printf("%-62s %11.1f%% %10s%n", "CPU, share of one core, whole run (" + String.format("%.1f", (wall1 - wall0) / 1e9) + " s wall)",
                    share * 100, "< 50%");
            System.out.printf("%-62s %11.1f%% %10s%n", "CPU, share of one core, steady state (" + String.format("%.1f", (wallSteady1 - wallSteady0) / 1e9) + " s from 5s in)",
                    steady * 100, "< 50%");
            System.out.printf("%-62s %8.1f MiB %10s%n", "RSS before the windows", rssBefore / 1024.0, "");
            System.out.printf("%-62s %8.1f MiB %10s%n", "RSS peak while the windows ran (sampled every 250 ms)", rssPeak / 1024.0, "< 512 MiB");
            System.out.printf("%-62s %8.1f MiB %10s%n", "RSS at the end", rssEnd / 1024.0, "< 512 MiB");
            System.out.printf("%-62s %8.1f MiB %10s%n", "VmHWM (process lifetime peak, incl. compiling this file)", status("VmHWM") / 1024.0, "");
        } finally {
            server.getOutputStream().close(); // the server exits when its stdin closes
            if (!server.waitFor(5, TimeUnit.SECONDS)) server.destroy();
        }
    }

    /** The child process: an always-healthy /health on loopback; prints its port, stops when stdin closes. */
    private static void serve() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
        server.createContext("/health", ex -> {
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        server.start();
        System.out.println(server.getAddress().getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to close our stdin
        }
        server.stop(0);
        System.exit(0);
    }

    // ---------------------------------------------------------------- helpers

    private static Plan plan(String front, String directive) {
        return Binder.bind(RunbookLoader.parse("bench.md", "---\n" + front + "---\n# Bench\n\n## Verify\n\n### Watch\n\n```runway\n"
                + directive + "```\n"), Map.of(), Map.of(), true).plan();
    }

    private static StepContext context(Plan plan, dev.runway.engine.step.OutputSink sink) {
        return new StepContext("bench", plan.step("watch"), 1, plan.bindings().environment(), Path.of("."),
                SecretMasker.NONE, sink, plan.runbook().front(), Instant.now());
    }

    /** A field of /proc/self/status in KiB. */
    private static long status(String field) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        return -1;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
