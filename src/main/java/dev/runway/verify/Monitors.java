package dev.runway.verify;

import dev.runway.runbook.Durations;
import dev.runway.runbook.Placeholders;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The front matter's {@code monitors:}, read and bound to the run's variables.
 *
 * <pre>{@code
 * monitors:
 *   health: { probe: 'GET {base_url}/health', every: 1s }
 *   errors: { prometheus: 'sum(rate(errors[1m]))', url: 'http://127.0.0.1:9090', every: 5s }
 *   queue:  { command: './depth.sh', every: 10s }
 * }</pre>
 */
public final class Monitors {
    public static final Duration PROBE_EVERY = Duration.ofSeconds(1);
    public static final Duration OTHER_EVERY = Duration.ofSeconds(5);

    public enum Kind { PROBE, PROMETHEUS, COMMAND }

    /**
     * One declared monitor, with its texts bound. {@code window} is the probe's request window;
     * {@code unreadableAfter} how many unreadable samples in a row fail the step (default 3);
     * {@code baseline}, how much to compare observe windows with, or null: for a Prometheus
     * monitor its history before the run; for a probe or command, which have no history, the
     * samples Runway took itself in that span just before the first production step.
     */
    public record Spec(String name, Kind kind, String target, String url, Duration every, Duration timeout, int window,
                       int unreadableAfter, Duration baseline) {

        /** Fields this kind of monitor gives. */
        public List<String> fields() {
            return kind == Kind.PROBE ? List.of("error_rate", "latency_p50", "latency_p95", "latency_p99", "up") : List.of("value");
        }
    }

    /** The monitors, or the problems that keep them from being read. */
    public record Declared(Map<String, Spec> specs, List<String> errors) {}

    private Monitors() {}

    /** @param vars bound variable values by name, for {@code {name}} placeholders */
    public static Declared read(Object raw, Map<String, String> vars) {
        return read(raw, vars, true);
    }

    /**
     * The declarations without their variables' values, as {@code lint} sees them: only what is
     * wrong whatever the values will be.
     */
    public static Declared declared(Object raw) {
        return read(raw, Map.of(), false);
    }

    @SuppressWarnings("unchecked")
    private static Declared read(Object raw, Map<String, String> vars, boolean bound) {
        Map<String, Spec> specs = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        if (raw == null) return new Declared(specs, errors);
        if (!(raw instanceof Map<?, ?> map)) {
            errors.add("monitors: must map names to monitors, e.g. health: { probe: 'GET {base_url}/health' }");
            return new Declared(specs, errors);
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof Map<?, ?> m)) {
                errors.add("monitor \"" + name + "\" must be a mapping with probe:, prometheus: or command:");
                continue;
            }
            Map<String, Object> fields = (Map<String, Object>) m;
            Kind kind = null;
            String target = null;
            for (Kind k : Kind.values()) {
                Object v = fields.get(k.name().toLowerCase(java.util.Locale.ROOT));
                if (v != null) {
                    if (kind != null) {
                        errors.add("monitor \"" + name + "\" has both " + kind.name().toLowerCase(java.util.Locale.ROOT)
                                + ": and " + k.name().toLowerCase(java.util.Locale.ROOT) + ":; give one");
                    }
                    kind = k;
                    target = bind(String.valueOf(v), vars);
                }
            }
            if (kind == null) {
                errors.add("monitor \"" + name + "\" needs one of probe:, prometheus: or command:");
                continue;
            }
            Duration every = duration(fields.get("every"), kind == Kind.PROBE ? PROBE_EVERY : OTHER_EVERY, name, "every", errors);
            // A request may take longer than a short interval (a first connection, a GC pause) without
            // being a failure; the default allows 2s to 5s.
            Duration timeout = duration(fields.get("timeout"), min(max(every, Duration.ofSeconds(2)), Duration.ofSeconds(5)),
                    name, "timeout", errors);
            String url = fields.get("url") == null ? null : bind(String.valueOf(fields.get("url")), vars);
            Duration baseline = fields.get("baseline") == null ? null : duration(fields.get("baseline"), null, name, "baseline", errors);
            // Probes and commands have no history: they are sampled before the change, so the span must hold 2 samples.
            if (baseline != null && kind != Kind.PROMETHEUS && baseline.compareTo(every.multipliedBy(2)) < 0) {
                errors.add("monitor \"" + name + "\" has baseline: " + fields.get("baseline") + ", which holds fewer than 2 samples "
                        + "at every: " + Verdicts.span(every) + "; a comparison needs at least 2 (use " + Verdicts.span(every.multipliedBy(2))
                        + " or more)");
            }
            // 60 requests: the last minute at the default interval.
            int window = count(fields.get("window"), 60, name, "window", "a number of requests, e.g. 60", errors);
            int unreadableAfter = count(fields.get("unreadable_after"), 3, name, "unreadable_after", "a number of samples, e.g. 3", errors);
            switch (kind) {
                case PROBE -> {
                    String t = target.strip();
                    if (t.startsWith("GET ")) t = t.substring(4).strip();
                    if (bound && !t.startsWith("http://") && !t.startsWith("https://")) {
                        errors.add("monitor \"" + name + "\" probes \"" + target + "\"; write GET http://host/path");
                    }
                    target = t;
                }
                case PROMETHEUS -> {
                    if (url == null) url = vars.getOrDefault("prometheus_url", "http://127.0.0.1:9090");
                    if (bound && !url.startsWith("http://") && !url.startsWith("https://")) {
                        errors.add("monitor \"" + name + "\" has url: \"" + url + "\"; give the Prometheus server, e.g. http://127.0.0.1:9090");
                    }
                }
                case COMMAND -> { }
            }
            if (bound) {
                unbound(name, target, errors);
                if (url != null) unbound(name, url, errors);
            }
            specs.put(name, new Spec(name, kind, target, url, every, timeout, window, unreadableAfter, baseline));
        }
        return new Declared(specs, errors);
    }

    /**
     * The number of one sample that a baseline compares: a probe's own request latency (one
     * request, not a percentile over a window whose samples overlap), else the monitor's value;
     * null when the sample has none (a failed request).
     */
    public static Double baselineValue(Spec spec, Sample.Reading reading) {
        Double v = reading.values().get(spec.kind() == Kind.PROBE ? HttpProbe.REQUEST_LATENCY : "value");
        return v != null && Double.isFinite(v) ? v : null;
    }

    /**
     * The HTTP client the probes and Prometheus queries of this process share while any of them
     * runs: {@code acquire()} before sampling, {@code release()} after. A window that ends
     * interrupts its own requests; the client stays for the others.
     */
    public static final SharedHttpClient CLIENT = new SharedHttpClient(() -> HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(5))
            .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
            .build());

    /** A source reading {@code spec}. Commands run in {@code workdir} with {@code environment}. */
    public static MetricSource open(Spec spec, HttpClient client, Path workdir, Map<String, String> environment) {
        return switch (spec.kind()) {
            case PROBE -> new HttpProbe(client, URI.create(spec.target()), spec.timeout(), spec.window());
            case PROMETHEUS -> new PrometheusSource(client, spec.url(), spec.target(), spec.timeout());
            case COMMAND -> new CommandMonitor(spec.target(), workdir, environment, spec.timeout());
        };
    }

    /** Checks a rule against the monitors: the monitor exists and has the field the rule reads. */
    public static String problem(Rule rule, Map<String, Spec> specs) {
        Spec spec = specs.get(rule.monitor());
        if (spec == null) {
            return "rule \"" + rule.text() + "\" reads the monitor \"" + rule.monitor() + "\", which front matter monitors: does not declare"
                    + (specs.isEmpty() ? "" : " (declared: " + String.join(", ", specs.keySet()) + ")");
        }
        if (!spec.fields().contains(rule.field())) {
            return "rule \"" + rule.text() + "\" reads " + rule.field() + " from the " + spec.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " monitor \"" + spec.name() + "\", which gives " + String.join(", ", spec.fields());
        }
        if (rule.minKind() == Rule.MinKind.REQUESTS && spec.kind() != Kind.PROBE) {
            return "rule \"" + rule.text() + "\" counts requests, which only a probe does; write min N samples";
        }
        if (rule.minKind() == Rule.MinKind.REQUESTS && rule.minCount() > spec.window()) {
            return "rule \"" + rule.text() + "\" waits for " + rule.minCount() + " requests, but the probe \"" + spec.name()
                    + "\" keeps only its last " + spec.window() + " (set window: " + rule.minCount() + " or more)";
        }
        return null;
    }

    private static String bind(String text, Map<String, String> vars) {
        return Placeholders.substitute(text, vars::get);
    }

    private static void unbound(String name, String text, List<String> errors) {
        for (Placeholders.Use use : Placeholders.find(text)) {
            errors.add("monitor \"" + name + "\" uses the variable \"" + use.name() + "\", which has no value in this run");
        }
    }

    private static Duration duration(Object raw, Duration fallback, String name, String key, List<String> errors) {
        if (raw == null) return fallback;
        Duration d = Durations.parse(String.valueOf(raw));
        if (d == null || d.isZero()) {
            errors.add("monitor \"" + name + "\" has " + key + ": " + raw + "; use e.g. 1s, 30s");
            return fallback;
        }
        return d;
    }

    private static int count(Object raw, int fallback, String name, String key, String example, List<String> errors) {
        if (raw == null) return fallback;
        try {
            int n = Integer.parseInt(String.valueOf(raw).strip());
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add("monitor \"" + name + "\" has " + key + ": " + raw + "; give " + example);
        return fallback;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) > 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }
}
