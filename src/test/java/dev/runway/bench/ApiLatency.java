package dev.runway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * API latency under many concurrent clients on loopback: {@code GET /api/runs/{id}} (status)
 * and {@code POST /api/runs/{id}/approve} (a real approval: each one satisfies a gate and lets
 * the server finish the run). The server is {@code runway serve} started through the
 * launcher, as users start it; every client is a virtual thread with its own keep-alive
 * connection in a closed loop. Latencies are kept whole and sorted, no histogram buckets.
 * Run it through {@code bench/api-latency.sh}.
 *
 * <pre>{@code java -cp target/runway.jar src/test/java/dev/runway/bench/ApiLatency.java \
 *     --java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --jar target/runway.jar --runway ./runway --clients 200}</pre>
 */
public final class ApiLatency {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GATE = """
            ---
            name: %s
            approvals:
              production: { roles: [approver], count: 1, not_initiator: true }
            ---
            # %s

            ## Production

            %s### Approve

            ```runway
            gate: production
            ```
            """;

    /** Runs approved one at a time, each followed on its event stream, before the load. */
    private static final int DELAY_RUNS = 30;

    private final Options o;
    private final Path work;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private int port;
    private long serverPid;

    private ApiLatency(Options o, Path work) {
        this.o = o;
        this.work = work;
    }

    record Options(String java, String jar, String runway, int clients, int warmup, int seconds, int approvals, int approveWarmup) {}

    public static void main(String[] args) throws Exception {
        String java = null, jar = null, runway = null;
        int clients = 200, warmup = 5, seconds = 15, approvals = 2000, approveWarmup = 400;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--java" -> java = args[++i];
                case "--jar" -> jar = args[++i];
                case "--runway" -> runway = args[++i];
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--approvals" -> approvals = Integer.parseInt(args[++i]);
                case "--approve-warmup" -> approveWarmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (java == null || jar == null || runway == null) throw new IllegalArgumentException("--java, --jar and --runway are required");
        Path work = Files.createTempDirectory("runway-api-bench-");
        new ApiLatency(new Options(java, jar, runway, clients, warmup, seconds, approvals, approveWarmup), work).run();
        // kept when the run fails, for the server's log
        try (var files = Files.walk(work)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    private void run() throws Exception {
        Path home = work.resolve("home");
        Path runbooks = Files.createDirectories(work.resolve("runbooks"));
        for (String[] t : new String[][] {{"alice", "operator"}, {"bob", "approver"}, {"vic", "viewer"}}) {
            String out = exec(List.of(o.java, "--enable-native-access=ALL-UNNAMED", "-jar", o.jar, "--home", home.toString(),
                    "token", "create", "--user", t[0], "--role", t[1], "--as", "bench", "--json"));
            tokens.put(t[0], JSON.readTree(out).get("token").asText());
        }
        Files.writeString(runbooks.resolve("status.md"), GATE.formatted("status", "Status", """
                ### Build

                ```bash
                echo built
                ```

                ### Migrate

                ```bash
                echo migrated
                ```

                """));
        for (int i = 0; i < DELAY_RUNS; i++) {
            Files.writeString(runbooks.resolve("delay-%02d.md".formatted(i)), GATE.formatted("delay-" + i, "Delay " + i, ""));
        }
        int total = o.approveWarmup + o.approvals;
        for (int i = 0; i < total; i++) {
            String name = "gate-%05d".formatted(i);
            Files.writeString(runbooks.resolve(name + ".md"), GATE.formatted(name, "Gate " + i, ""));
        }
        ProcessBuilder serve = new ProcessBuilder(o.runway, "--home", home.toString(), "serve", "--runbooks", runbooks.toString(), "--port", "0");
        // For profiling the server: e.g. RUNWAY_BENCH_SERVER_OPTIONS=-XX:StartFlightRecording=filename=/tmp/serve.jfr
        String extra = System.getenv("RUNWAY_BENCH_SERVER_OPTIONS");
        if (extra != null && !extra.isBlank()) serve.environment().put("JAVA_TOOL_OPTIONS", extra);
        Process server = serve
                .redirectOutput(work.resolve("serve.out").toFile()).redirectError(work.resolve("serve.err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            serverPid = server.pid();
            port = awaitPort(server);
            measure(total);
        } catch (Exception e) {
            System.err.println("api-latency: failed; the server's home and log are in " + work);
            throw e;
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private void measure(int total) throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        String statusRun = start("status.md");
        awaitGates(List.of(statusRun));
        String path = "/api/runs/" + statusRun;
        List<Row> rows = new ArrayList<>();
        rows.add(timed("GET /api/runs/{id} (status), idle server", c -> c.get(path, tokens.get("vic")), 200));
        List<String> followed = new ArrayList<>();
        for (int i = 0; i < DELAY_RUNS; i++) followed.add(start("delay-%02d.md".formatted(i)));
        awaitGates(followed);
        double[] delays = new ApprovalDelay(port, tokens.get("vic"), tokens.get("bob")).measure(followed);

        List<String> gated = startAll(total);
        awaitGates(gated);
        double idle0 = serverCpuMs();
        Thread.sleep(Duration.ofSeconds(o.seconds));
        double idleShare = (serverCpuMs() - idle0) / (o.seconds * 1000.0);
        rows.add(timed("GET /api/runs/{id} (status), " + total + " runs waiting", c -> c.get(path, tokens.get("vic")), 200));
        rows.add(drain("POST …/approve, a real approval (gate passes)", gated, o.approveWarmup));
        long finishing = System.nanoTime();
        int finished = awaitRuns(gated, "succeeded", Duration.ofMinutes(2));
        double settle = (System.nanoTime() - finishing) / 1e9;
        rows.add(timed("POST …/approve, refused (run already finished)",
                c -> c.post("/api/runs/" + gated.get(0) + "/approve", tokens.get("bob"), "{}"), 409));

        System.out.printf("%nRunway API latency: %d concurrent clients, keep-alive, loopback; %ds warm-up then %ds for timed rows;%n",
                o.clients, o.warmup, o.seconds);
        System.out.printf("approvals: %d warm-up then %d measured, each on its own run waiting at a gate (count 1).%n%n",
                o.approveWarmup, o.approvals);
        System.out.printf("%-50s %9s %9s %8s %8s %8s %8s %7s %9s%n", "request", "requests", "req/s", "p50 ms", "p90 ms", "p99 ms",
                "max ms", "errors", "CPU ms/r");
        for (Row r : rows) System.out.println(r);
        System.out.printf("%napproval -> the run's event stream (what the run page follows) shows it, one approval at a time: %s%n",
                ApprovalDelay.describe(delays));
        System.out.printf("with %d runs waiting at gates and no requests, the server used %.0f%% of a core%n", total, idleShare * 100);
        System.out.printf("after the last approval, %d of the %d approved runs had finished within %.1f s%n", finished, total, settle);
        System.out.printf("load average (/proc/loadavg) before: %s; after: %s; %d CPUs%n", load,
                Files.readString(Path.of("/proc/loadavg")).strip(), Runtime.getRuntime().availableProcessors());
    }

    interface Call {
        RawHttp.Response call(RawHttp connection) throws IOException;
    }

    /**
     * @param cpuMs the server process's CPU time (user + system) while the row was measured,
     *              background work included: on a shared machine a steadier figure than latency
     */
    record Row(String name, long[] nanos, double seconds, int errors, String firstError, double cpuMs) {
        @Override
        public String toString() {
            Arrays.sort(nanos);
            String line = "%-50s %9d %9.0f %8.2f %8.2f %8.2f %8.2f %7d %9.3f".formatted(name, nanos.length, nanos.length / seconds,
                    ms(0.50), ms(0.90), ms(0.99), nanos.length == 0 ? 0 : nanos[nanos.length - 1] / 1e6, errors,
                    nanos.length == 0 ? 0 : cpuMs / nanos.length);
            return firstError == null ? line : line + "\n    first error: " + firstError;
        }

        private double ms(double q) {
            if (nanos.length == 0) return 0;
            return nanos[(int) Math.max(0, Math.ceil(q * nanos.length) - 1)] / 1e6;
        }
    }

    /** Every client repeats {@code call} for the warm-up, then for the measured seconds. */
    private Row timed(String name, Call call, int expected) throws Exception {
        var phase = new AtomicInteger(); // 0 warm-up, 1 measuring, 2 stop
        Recorder rec = new Recorder();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < o.clients; i++) {
            clients.add(Thread.ofVirtual().start(() -> {
                try (RawHttp c = new RawHttp(port)) {
                    while (phase.get() < 2) {
                        boolean measured = phase.get() == 1;
                        long t0 = System.nanoTime();
                        RawHttp.Response r = call.call(c);
                        long t = System.nanoTime() - t0;
                        if (measured && phase.get() == 1) rec.add(t, r, expected);
                    }
                } catch (IOException e) {
                    rec.fail(e.toString());
                }
            }));
        }
        Thread.sleep(Duration.ofSeconds(o.warmup));
        phase.set(1);
        long t0 = System.nanoTime();
        double cpu0 = serverCpuMs();
        Thread.sleep(Duration.ofSeconds(o.seconds));
        phase.set(2);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = serverCpuMs() - cpu0;
        for (Thread t : clients) t.join();
        return rec.row(name, seconds, cpu);
    }

    /** Every client takes the next run and approves it, until none is left; the first {@code warm} are not measured. */
    private Row drain(String name, List<String> runs, int warm) throws Exception {
        AtomicInteger next = new AtomicInteger();
        Recorder rec = new Recorder();
        long[] window = {Long.MAX_VALUE, 0};
        List<Thread> clients = new ArrayList<>();
        double[] cpu = new double[2];
        for (int i = 0; i < o.clients; i++) {
            clients.add(Thread.ofVirtual().start(() -> {
                try (RawHttp c = new RawHttp(port)) {
                    for (int n = next.getAndIncrement(); n < runs.size(); n = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        RawHttp.Response r = c.post("/api/runs/" + runs.get(n) + "/approve", tokens.get("bob"), "{\"comment\": \"bench\"}");
                        long t1 = System.nanoTime();
                        if (n == warm - 1) cpu[0] = serverCpuMs();
                        if (n == runs.size() - 1) cpu[1] = serverCpuMs();
                        if (n >= warm) {
                            rec.add(t1 - t0, r, 200);
                            synchronized (window) {
                                window[0] = Math.min(window[0], t0);
                                window[1] = Math.max(window[1], t1);
                            }
                        }
                    }
                } catch (IOException e) {
                    rec.fail(e.toString());
                }
            }));
        }
        for (Thread t : clients) t.join();
        return rec.row(name, (window[1] - window[0]) / 1e9, cpu[1] - cpu[0]);
    }

    /** Latencies of one row, from every client. */
    private static final class Recorder {
        private long[] nanos = new long[1 << 16];
        private int size;
        private int errors;
        private String firstError;

        synchronized void add(long t, RawHttp.Response r, int expected) {
            if (r.status() != expected) {
                fail(r.status() + " " + r.body());
                return;
            }
            if (size == nanos.length) nanos = Arrays.copyOf(nanos, size * 2);
            nanos[size++] = t;
        }

        synchronized void fail(String what) {
            errors++;
            if (firstError == null) firstError = what.length() > 300 ? what.substring(0, 300) : what;
        }

        synchronized Row row(String name, double seconds, double cpuMs) {
            return new Row(name, Arrays.copyOf(nanos, size), seconds, errors, firstError, cpuMs);
        }
    }

    /** utime + stime of the server process, from /proc (Linux; clock ticks of 10 ms). */
    private double serverCpuMs() {
        try {
            String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10.0;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private String start(String runbook) throws IOException {
        try (RawHttp c = new RawHttp(port)) {
            RawHttp.Response r = c.post("/api/runs", tokens.get("alice"), "{\"runbook\": \"" + runbook + "\"}");
            if (r.status() != 201) throw new IllegalStateException("starting " + runbook + ": " + r.status() + " " + r.body());
            return JSON.readTree(r.body()).get("run").asText();
        }
    }

    /** Starts one run of each gate runbook, a few at a time (setup, not measured). */
    private List<String> startAll(int total) throws Exception {
        String[] ids = new String[total];
        AtomicInteger next = new AtomicInteger();
        List<Thread> starters = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            starters.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int n = next.getAndIncrement(); n < total; n = next.getAndIncrement()) {
                        ids[n] = start("gate-%05d.md".formatted(n));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : starters) t.join();
        List<String> started = Arrays.asList(ids);
        if (started.contains(null)) throw new IllegalStateException("not every run started; see " + work.resolve("serve.err"));
        return started;
    }

    private void awaitGates(List<String> runs) throws Exception {
        int there = awaitRuns(runs, "waiting", Duration.ofMinutes(10));
        if (there < runs.size()) throw new IllegalStateException(there + " of " + runs.size() + " runs are waiting at their gate");
    }

    /** Pages through the history until every one of {@code runs} has {@code status}; how many have it. */
    private int awaitRuns(List<String> runs, String status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        var wanted = new java.util.HashSet<>(runs);
        try (RawHttp c = new RawHttp(port)) {
            while (true) {
                int there = 0;
                String after = null;
                do {
                    RawHttp.Response r = c.get("/api/runs?limit=200" + (after == null ? "" : "&after=" + after), tokens.get("vic"));
                    JsonNode page = JSON.readTree(r.body());
                    for (JsonNode row : page.get("runs")) {
                        if (wanted.contains(row.get("run").asText()) && row.get("status").asText().equals(status)) there++;
                    }
                    after = page.get("next_after").isNull() ? null : page.get("next_after").asText();
                } while (after != null);
                if (there == wanted.size() || System.nanoTime() > deadline) return there;
                Thread.sleep(200);
            }
        }
    }

    private int awaitPort(Process server) throws Exception {
        Path out = work.resolve("serve.out");
        for (int i = 0; i < 600; i++) {
            String text = Files.exists(out) ? Files.readString(out) : "";
            var m = java.util.regex.Pattern.compile("serving on http://[^:]+:(\\d+)").matcher(text);
            if (m.find()) return Integer.parseInt(m.group(1));
            if (!server.isAlive()) throw new IllegalStateException("runway serve exited: " + Files.readString(work.resolve("serve.err")));
            Thread.sleep(100);
        }
        throw new IllegalStateException("runway serve printed no port within a minute");
    }

    private String exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + " failed");
        return out;
    }
}
