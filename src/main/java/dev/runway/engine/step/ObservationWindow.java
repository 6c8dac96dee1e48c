package dev.runway.engine.step;

import dev.runway.verify.Baseline;
import dev.runway.verify.MetricSource;
import dev.runway.verify.Monitors;
import dev.runway.verify.PrometheusSource;
import dev.runway.verify.Rule;
import dev.runway.verify.RuleEvaluator;
import dev.runway.verify.Sample;
import dev.runway.verify.Verdict;
import dev.runway.verify.Verdicts;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One observation window: a sampler per monitor on its own virtual thread, the rules'
 * evaluators fed from one queue on the calling thread (so rule state needs no locks), and the
 * status lines and verdicts it prints.
 */
final class ObservationWindow {
    private static final Duration STATUS_EVERY = Duration.ofSeconds(1);

    private record Arrival(String monitor, Instant at, Sample sample) {}

    private final Clock clock;
    private final StepContext ctx;
    private final Duration length;
    private final Map<String, Monitors.Spec> specs = new LinkedHashMap<>();
    private final Map<String, List<RuleEvaluator>> evaluators = new LinkedHashMap<>();
    private WindowFigures figures;
    private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    private final StringBuilder output = new StringBuilder();
    private long samples;
    /** For monitors with a baseline: their values before the run, and during this window. */
    private final Map<String, List<Double>> before = new LinkedHashMap<>();
    private final Map<String, List<Double>> after = new LinkedHashMap<>();

    ObservationWindow(Clock clock, StepContext ctx, Duration length, List<Rule> rules, Map<String, Monitors.Spec> declared) {
        this.clock = clock;
        this.ctx = ctx;
        this.length = length;
        for (Rule rule : rules) {
            Monitors.Spec spec = declared.get(rule.monitor());
            specs.put(spec.name(), spec);
            // A sample missing for more than two intervals is a gap in the data: it breaks a streak.
            evaluators.computeIfAbsent(spec.name(), k -> new ArrayList<>())
                    .add(new RuleEvaluator(rule, spec.every().multipliedBy(2).plus(spec.timeout())));
        }
    }

    StepOutcome watch() throws InterruptedException {
        emit("observing " + String.join(", ", evaluators.values().stream().flatMap(List::stream)
                .map(e -> "\"" + e.rule().text() + "\"").toList()) + " for " + shownLength());
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient client = Monitors.CLIENT.acquire();
        try {
            StepOutcome noBaseline = readBaselines(client);
            if (noBaseline != null) return noBaseline;
            // The window starts once the baselines are in, so fetching them does not shorten it.
            Instant start = clock.instant();
            Instant end = start.plus(length);
            figures = new WindowFigures(clock, ctx.step().id(), end, evaluators);
            ctx.board().show(ctx.step().id(), figures.readings());
            Map<String, Instant> lastArrival = new LinkedHashMap<>();
            for (Monitors.Spec spec : specs.values()) {
                lastArrival.put(spec.name(), start);
                MetricSource source = Monitors.open(spec, client, ctx.workdir(), ctx.environment());
                threads.submit(() -> sample(spec, source, start, end));
            }
            Instant nextStatus = start.plus(STATUS_EVERY);
            while (true) {
                Instant now = clock.instant();
                if (!now.isBefore(end)) break;
                Instant until = nextStatus.isBefore(end) ? nextStatus : end;
                Arrival a = arrivals.poll(Math.max(1, Duration.between(now, until).toMillis()), TimeUnit.MILLISECONDS);
                if (a != null && !a.at().isAfter(end)) {
                    lastArrival.put(a.monitor(), a.at());
                    StepOutcome decided = judge(a);
                    if (decided != null) return decided;
                }
                if (!clock.instant().isBefore(nextStatus)) {
                    StepOutcome stalled = checkForSilence(lastArrival);
                    if (stalled != null) return stalled;
                    if (!ctx.board().armedTriggers()) emit(figures.statusLine(Duration.between(clock.instant(), end)));
                    if (figures.takeChanged()) ctx.board().show(ctx.step().id(), figures.readings());
                    nextStatus = nextStatus.plus(STATUS_EVERY);
                }
            }
            List<String> undecided = evaluators.values().stream().flatMap(List::stream).filter(e -> !e.decided())
                    .map(e -> "rule \"" + e.rule().text() + "\" could not decide in " + shownLength() + " ("
                            + (figures.latest(e.rule()) instanceof Verdict.Holding hold && hold.note() != null
                                    ? hold.note() : figures.describe(figures.latest(e.rule()))) + ")")
                    .toList();
            if (!undecided.isEmpty() && !ctx.board().armedTriggers()) {
                return new StepOutcome.Unverified(String.join("; ", undecided) + "; a window without data is not a pass",
                        output.toString());
            }
            StepOutcome regressed = compareWithBaselines();
            if (regressed != null) return regressed;
            emit("window over: no rule fired");
            return new StepOutcome.Succeeded("no rule fired in " + shownLength() + " (" + samples + " samples)",
                    output.toString());
        } finally {
            if (figures != null) ctx.board().clear(ctx.step().id());
            // Interrupting the samplers cancels their requests in flight (a rule may have fired
            // mid-probe); once they are gone, this window lets go of the shared client.
            threads.shutdownNow();
            threads.close();
            Monitors.CLIENT.release();
        }
    }

    /**
     * Fetches the history before the run of every monitor with a {@code baseline:}. A baseline
     * that cannot be read fails the step: the comparison was asked for, so skipping it would
     * be a silent pass.
     */
    private StepOutcome readBaselines(HttpClient client) throws InterruptedException {
        Instant end = ctx.runStarted() != null ? ctx.runStarted() : clock.instant();
        for (Monitors.Spec spec : specs.values()) {
            if (spec.baseline() == null) continue;
            if (spec.kind() != Monitors.Kind.PROMETHEUS) {
                StepOutcome missing = keptBaseline(spec);
                if (missing != null) return missing;
                continue;
            }
            PrometheusSource source = new PrometheusSource(client, spec.url(), spec.target(), spec.timeout());
            PrometheusSource.History h = source.range(end.minus(spec.baseline()), end, spec.every());
            String problem = h.problem() != null ? h.problem()
                    : h.values().size() < 2 ? "it has " + h.values().size() + " sample(s) there, and a comparison needs 2" : null;
            if (problem != null) {
                String reason = "monitor \"" + spec.name() + "\" has no baseline from the " + Verdicts.span(spec.baseline())
                        + " before the run to compare with: " + problem;
                emit(reason);
                return new StepOutcome.Unverified(reason, output.toString());
            }
            before.put(spec.name(), h.values());
            after.put(spec.name(), new ArrayList<>());
            emit("baseline for \"" + spec.name() + "\": " + h.values().size() + " samples from the "
                    + Verdicts.span(spec.baseline()) + " before the run");
        }
        return null;
    }

    /** A probe's or command's values from before the first production step, as the run kept them. */
    private StepOutcome keptBaseline(Monitors.Spec spec) {
        List<Double> kept = ctx.board().baseline(spec.name());
        String where = "the " + Verdicts.span(spec.baseline()) + " before the first production step";
        if (kept == null || kept.size() < 2) {
            String reason = "monitor \"" + spec.name() + "\" has no baseline from " + where + " to compare with: "
                    + (kept == null ? "none was kept (it is sampled from the start of the run until the first production step starts)"
                            : "it gave " + kept.size() + " reading(s) there, and a comparison needs 2 (give the run time before "
                            + "production, e.g. checks, or a shorter every:)");
            emit(reason);
            return new StepOutcome.Unverified(reason, output.toString());
        }
        before.put(spec.name(), kept);
        after.put(spec.name(), new ArrayList<>());
        emit("baseline for \"" + spec.name() + "\": " + kept.size() + " samples from " + where);
        return null;
    }

    /** Where a monitor's baseline comes from, in words. */
    private static String baselineSpan(Monitors.Spec spec) {
        return "the " + Verdicts.span(spec.baseline()) + (spec.kind() == Monitors.Kind.PROMETHEUS ? " before the run"
                : " before the first production step");
    }

    /** After a window with no rule fired: a significant regression against a baseline still fails it. */
    private StepOutcome compareWithBaselines() {
        for (Map.Entry<String, List<Double>> e : before.entrySet()) {
            String name = e.getKey();
            List<Double> seen = after.get(name);
            if (seen.size() < 2) {
                return new StepOutcome.Unverified("monitor \"" + name + "\" gave " + seen.size() + " reading(s) in the window, "
                        + "too few to compare with its baseline", output.toString());
            }
            // A rule that alarms on low values (throughput < 10) says lower is worse for this monitor.
            // A probe's baseline is its request latency, where higher is always worse.
            boolean higherIsWorse = specs.get(name).kind() == Monitors.Kind.PROBE || evaluators.get(name).stream()
                    .noneMatch(ev -> ev.rule().op() == Rule.Op.LT || ev.rule().op() == Rule.Op.LE);
            Baseline.Comparison c = Baseline.DEFAULT.compare(toArray(e.getValue()), toArray(seen), higherIsWorse);
            emit("baseline for \"" + name + "\": " + c.describe());
            if (c.regressed()) {
                return new StepOutcome.Failed("monitor \"" + name + "\" regressed against its baseline from "
                        + baselineSpan(specs.get(name)) + ": " + c.describe(), output.toString());
            }
        }
        return null;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Reads one monitor at its interval, from the window's start until its end. */
    private void sample(Monitors.Spec spec, MetricSource source, Instant start, Instant end) {
        try (source) {
            for (long k = 0; ; k++) {
                Instant due = start.plus(spec.every().multipliedBy(k));
                if (due.isAfter(end)) return;
                Instant now = clock.instant();
                long wait = Duration.between(now, due).toMillis();
                if (wait > 0) Thread.sleep(wait);
                // A sample is timed when it was due, or when its read started if a read before it overran;
                // not when the answer came (nor when the sleep happened to end), or a first breaching
                // request a millisecond slower than a later one would leave the streak just short of its
                // `for` and cost a whole extra interval.
                Instant at = k > 0 && now.isAfter(due) ? now : due;
                Sample s;
                try {
                    s = source.read();
                } catch (RuntimeException e) {
                    s = new Sample.Unreadable("reading the monitor failed: " + e);
                }
                arrivals.put(new Arrival(spec.name(), at, s));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A monitor that has gone quiet (its reads hang past their timeout) is unreadable, once
     * per status tick, so silence cannot pass for health.
     */
    private StepOutcome checkForSilence(Map<String, Instant> lastArrival) {
        Instant now = clock.instant();
        for (Monitors.Spec spec : specs.values()) {
            Duration quiet = Duration.between(lastArrival.get(spec.name()), now);
            if (quiet.compareTo(spec.every().multipliedBy(2).plus(spec.timeout())) > 0) {
                lastArrival.put(spec.name(), now);
                StepOutcome decided = judge(new Arrival(spec.name(), now,
                        new Sample.Unreadable("no sample for " + Verdicts.span(quiet.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))));
                if (decided != null) return decided;
            }
        }
        return null;
    }

    /** Feeds one sample to its monitor's rules; a failed outcome when one of them decides so. */
    private StepOutcome judge(Arrival a) {
        samples++;
        figures.sampled(a.monitor());
        if (after.containsKey(a.monitor()) && a.sample() instanceof Sample.Reading r
                && Monitors.baselineValue(specs.get(a.monitor()), r) instanceof Double v) {
            after.get(a.monitor()).add(v);
        }
        for (RuleEvaluator e : evaluators.get(a.monitor())) {
            Verdict v = e.offer(a.at(), a.sample());
            figures.put(e.rule(), v);
            switch (v) {
                case Verdict.Fired f -> {
                    String reason = Verdicts.fired(f)
                            + (a.sample() instanceof Sample.Reading r && r.note() != null ? " (" + r.note() + ")" : "");
                    emit(reason);
                    return new StepOutcome.Failed(reason, output.toString());
                }
                case Verdict.Unreadable u -> {
                    int limit = specs.get(a.monitor()).unreadableAfter();
                    emit("monitor \"" + a.monitor() + "\" unreadable (" + u.consecutiveFailures() + " in a row): " + u.reason());
                    if (u.consecutiveFailures() >= limit) {
                        String reason = "monitor \"" + a.monitor() + "\" could not be read " + u.consecutiveFailures()
                                + " times in a row, so rule \"" + u.rule().text() + "\" cannot be checked: " + u.reason();
                        return new StepOutcome.Unverified(reason, output.toString());
                    }
                }
                case Verdict.Ignored i -> emit(i.note());
                case Verdict.Holding h -> {
                    if (h.note() != null && h.note().startsWith("no sample for")) emit(h.note());
                }
            }
        }
        return null;
    }

    private void emit(String line) {
        String masked = ctx.masker().mask(line) + "\n";
        output.append(masked);
        ctx.sink().accept(masked);
    }

    /**
     * The window's length as people read it: as written for an observe step ({@code 15m}), to the
     * second for the armed triggers, whose window is what is left until the rollback deadline.
     */
    private String shownLength() {
        if (length.toMillisPart() == 0 || length.toMillis() < 1000) return Verdicts.span(length);
        return dev.runway.engine.Durations.format(Duration.ofSeconds(Math.round(length.toMillis() / 1000.0)));
    }
}
