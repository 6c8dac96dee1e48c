package dev.runway.engine.step;

import dev.runway.runbook.FrontMatter;
import dev.runway.verify.MetricSource;
import dev.runway.verify.Monitors;
import dev.runway.verify.Sample;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The baseline of probe and command monitors, which have no history to ask for: each monitor
 * with a {@code baseline:} is sampled at its interval from the start of the run until the first
 * production step starts, and the values of its last {@code baseline} span are what observe
 * windows after the change compare with.
 *
 * <pre>{@code
 * PreChangeBaseline before = PreChangeBaseline.start(clock, front, env, workdir);  // null: nothing to sample
 * Map<String, List<Double>> values = before.stop();                                // at the first production step
 * }</pre>
 */
public final class PreChangeBaseline {

    private record Seen(Instant at, double value) {}

    private final Clock clock;
    private final Map<Monitors.Spec, List<Seen>> seen = new LinkedHashMap<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client = Monitors.CLIENT.acquire();
    private boolean stopped;

    private PreChangeBaseline(Clock clock) {
        this.clock = clock;
    }

    /** Starts sampling the probe and command monitors that have a baseline; null when there are none. */
    public static PreChangeBaseline start(Clock clock, FrontMatter front, Map<String, String> environment, Path workdir) {
        Monitors.Declared declared = Monitors.read(front.extra().get("monitors"), ObserveExecutor.vars(environment));
        List<Monitors.Spec> wanted = declared.specs().values().stream()
                .filter(s -> s.baseline() != null && s.kind() != Monitors.Kind.PROMETHEUS).toList();
        if (wanted.isEmpty()) return null;
        PreChangeBaseline b = new PreChangeBaseline(clock);
        for (Monitors.Spec spec : wanted) {
            List<Seen> list = new ArrayList<>();
            b.seen.put(spec, list);
            MetricSource source = Monitors.open(spec, b.client, workdir, environment);
            b.threads.submit(() -> b.sample(spec, source, list));
        }
        return b;
    }

    private void sample(Monitors.Spec spec, MetricSource source, List<Seen> into) {
        try (source) {
            while (!Thread.currentThread().isInterrupted()) {
                Instant at = clock.instant();
                if (source.read() instanceof Sample.Reading r && Monitors.baselineValue(spec, r) instanceof Double v) {
                    synchronized (into) {
                        into.add(new Seen(at, v));
                    }
                }
                Thread.sleep(Math.max(0, Duration.between(clock.instant(), at.plus(spec.every())).toMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // a monitor that cannot be read gives no baseline; the observe window says so
        }
    }

    /** Stops sampling; each monitor's values from its last {@code baseline} span, oldest first. */
    public synchronized Map<String, List<Double>> stop() {
        if (!stopped) {
            stopped = true;
            // Interrupting the samplers cancels their requests; the shared client stays for other users.
            threads.shutdownNow();
            Monitors.CLIENT.release();
        }
        Instant now = clock.instant();
        Map<String, List<Double>> out = new LinkedHashMap<>();
        seen.forEach((spec, list) -> {
            Instant from = now.minus(spec.baseline());
            synchronized (list) {
                out.put(spec.name(), list.stream().filter(s -> !s.at().isBefore(from)).map(Seen::value).toList());
            }
        });
        return out;
    }
}
