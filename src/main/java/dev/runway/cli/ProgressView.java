package dev.runway.cli;

import dev.runway.engine.Durations;
import dev.runway.engine.MonitorReading;
import dev.runway.engine.RunEvent;
import dev.runway.engine.RunEvent.*;
import dev.runway.engine.RunListener;
import dev.runway.engine.RunState;
import dev.runway.engine.StepState;
import dev.runway.engine.StepStatus;
import dev.runway.engine.StoredEvent;
import dev.runway.plan.Plan;
import dev.runway.plan.PlannedStep;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Shows a run as it happens, on stderr. In a terminal: a live block redrawn in place with the
 * step list, states and elapsed times, the running step's last output lines and countdowns.
 * Otherwise (CI logs, pipes): one plain line per event, with step output streamed beneath.
 */
final class ProgressView implements RunListener {

    private static final int PLAIN_OUTPUT_LINES_PER_STEP = 2000;
    private static final int TAIL_LINES = 5;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final Plan plan;
    private final Clock clock;
    private final boolean live;
    private final String runId;
    private final Deque<String> tail = new ArrayDeque<>();
    private final StringBuilder partial = new StringBuilder();
    private int plainLinesThisStep;
    private int drawnLines;
    private long lastDraw;
    private RunState lastState;
    /** The figures of the windows watching now, by scope. */
    private final java.util.Map<String, List<MonitorReading>> monitors = new java.util.TreeMap<>();

    ProgressView(PrintStream out, Plan plan, Clock clock, boolean live, String runId) {
        this.out = out;
        this.plan = plan;
        this.clock = clock;
        this.live = live;
        this.runId = runId;
    }

    @Override
    public synchronized void onEvent(StoredEvent stored, RunState state) {
        lastState = state;
        if (stored.event() instanceof StepStarted) {
            tail.clear();
            partial.setLength(0);
            plainLinesThisStep = 0;
        }
        if (live) {
            redraw(true);
        } else {
            String line = plainLine(stored.event(), state);
            // A reason or comment may span lines: its later lines are indented under the first, so
            // they do not read as events of their own (nor break a script that reads the time column).
            if (line != null) out.println(timeOfDay(stored.at()) + " " + line.replace("\n", "\n" + CONTINUED));
        }
    }

    @Override
    public synchronized void onOutput(String step, String text) {
        if (live) {
            partial.append(text);
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                tail.addLast(partial.substring(0, nl));
                partial.delete(0, nl + 1);
                while (tail.size() > TAIL_LINES) tail.removeFirst();
            }
            redraw(false);
            return;
        }
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) continue;
            if (plainLinesThisStep++ < PLAIN_OUTPUT_LINES_PER_STEP) {
                out.println("         │ " + line);
            } else if (plainLinesThisStep == PLAIN_OUTPUT_LINES_PER_STEP + 1) {
                out.println("         │ … (more output: runway logs " + runId + " --step " + step + ")");
            }
        }
    }

    @Override
    public synchronized void onMonitors(String scope, List<MonitorReading> readings) {
        if (readings.isEmpty()) monitors.remove(scope); else monitors.put(scope, readings);
        if (live) redraw(false);
    }

    @Override
    public synchronized void onTick(RunState state) {
        lastState = state;
        if (live) redraw(true);
    }

    /** Leaves the final picture on screen. */
    synchronized void finish() {
        if (live && lastState != null) redraw(true);
    }

    /** As wide as {@link #timeOfDay} and the space after it. */
    private static final String CONTINUED = "         ";

    /**
     * HH:mm:ss in UTC. Written out rather than through a DateTimeFormatter: this runs for every
     * event of a run, and the formatter cost more than the rest of the line before the JIT got to it.
     */
    static String timeOfDay(Instant at) {
        int s = (int) Math.floorMod(at.getEpochSecond(), 86_400L);
        return twoDigits(s / 3600) + ":" + twoDigits(s / 60 % 60) + ":" + twoDigits(s % 60);
    }

    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private String plainLine(RunEvent event, RunState state) {
        return switch (event) {
            case RunStarted e -> "run " + runId + " started: " + e.runbook() + " (" + e.environment() + ") by " + e.initiator();
            case StepStarted e -> "▶ " + e.step() + " (" + kind(e.step()) + (e.attempt() > 1 ? ", attempt " + e.attempt() : "") + ")";
            case StepSucceeded e -> "✔ " + e.step() + ": " + e.detail() + elapsed(state.stepOrPending(e.step()));
            case StepFailed e -> "✖ " + e.step() + ": " + e.reason() + elapsed(state.stepOrPending(e.step())) + retry(e.step(), state);
            case StepInterrupted e -> "⚠ " + e.step() + " was interrupted (attempt " + e.attempt() + " was running when Runway stopped)";
            case StepAwaiting e -> "⏸ " + e.step() + ": " + e.reason() + hint(e, state.phase() == RunState.Phase.ROLLBACK);
            case StepSkipped e -> "↷ " + e.step() + " skipped by " + e.actor() + ": " + e.reason();
            case Approved e -> "✔ " + e.actor() + " approved " + e.step() + comment(e.comment());
            case Rejected e -> "✖ " + e.actor() + " rejected " + e.step() + comment(e.comment());
            case Confirmed e -> "✔ " + e.step() + " confirmed by " + e.actor() + (e.onBehalf() ? " (--confirm-manual)" : "");
            case Decided e -> "→ " + e.actor() + " chose " + e.choice().label() + " for " + e.step() + comment(e.reason());
            case ActionDenied e -> "⛔ refused " + e.action() + " by " + e.actor() + ": " + e.reason();
            case RollbackRequested e -> "↩ rollback requested by " + e.actor() + comment(e.reason());
            case RunResumed e -> "▶ resumed by " + e.actor();
            case WatchStarted e -> "👁 all steps done; watching " + String.join(", ", e.triggers()) + " until "
                    + timeOfDay(e.until()) + " UTC (the rollback deadline): a fired trigger still rolls back";
            case RollbackStarted e -> "↩ rolling back: " + e.reason();
            case RunFinished e -> "■ run " + e.status().label() + ": " + e.reason();
            case TokenCreated e -> "token " + e.tokenId() + " created for " + e.user();
            case TokenRevoked e -> "token " + e.tokenId() + " revoked";
        };
    }

    private String hint(StepAwaiting e, boolean rollingBack) {
        return switch (e.await()) {
            case GATE -> " — approve: runway approve " + runId + " --as NAME";
            case MANUAL -> " — confirm: runway confirm " + runId + " (or decide " + runId + " skip --reason …)";
            case DECISION -> " — decide: runway decide " + runId + " " + RunEvent.Decision.choices(rollingBack);
            case TIMER -> " until " + timeOfDay(e.until()) + " UTC";
        };
    }

    private static String comment(String c) {
        return c == null || c.isBlank() ? "" : ": " + c;
    }

    /**
     * When the step's retry policy runs it again: the engine waits out the delay without an
     * event to show, and a run that sat silent for a minute looked stuck.
     */
    private String retry(String step, RunState state) {
        PlannedStep planned;
        try {
            planned = plan.step(step);
        } catch (IllegalArgumentException notInPlan) {
            return "";
        }
        var retry = planned.step().policy().retry();
        int done = state.stepOrPending(step).attemptsThisRound();
        if (!planned.bound().runs() || done >= retry.attempts()) return "";
        return " — retrying" + (retry.delay().isZero() ? "" : " in " + dev.runway.engine.Durations.format(retry.delay()))
                + " (attempt " + (done + 1) + " of " + retry.attempts() + ")";
    }

    private String kind(String step) {
        try {
            return plan.step(step).step().kind();
        } catch (IllegalArgumentException notInPlan) {
            return "?";
        }
    }

    private String elapsed(StepState s) {
        if (s.startedAt() == null || s.finishedAt() == null) return "";
        return " (" + seconds(Duration.between(s.startedAt(), s.finishedAt())) + ")";
    }

    /** Tenths of a second, rounded half up like {@code %.1f}, without a Formatter per line. */
    static String seconds(Duration d) {
        long tenths = Math.round(Math.abs(d.toMillis()) / 100.0);
        return (d.isNegative() ? "-" : "") + tenths / 10 + "." + tenths % 10 + "s";
    }

    private void redraw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        if (lastState == null) return;
        List<String> lines = screen(lastState, clock.instant());
        StringBuilder sb = new StringBuilder();
        if (drawnLines > 0) sb.append("\033[").append(drawnLines).append('F');
        for (String l : lines) sb.append("\033[2K").append(l).append('\n');
        for (int i = lines.size(); i < drawnLines; i++) sb.append("\033[2K\n");
        out.print(sb);
        out.flush();
        drawnLines = Math.max(lines.size(), drawnLines);
    }

    private List<String> screen(RunState state, Instant now) {
        List<String> lines = new ArrayList<>();
        lines.add("\033[1m" + state.start().runbook() + "\033[0m  run " + runId + "  " + state.status().label());
        boolean rollback = state.phase() == RunState.Phase.ROLLBACK;
        List<PlannedStep> steps = rollback ? plan.rollback() : plan.forward();
        int current = 0;
        while (current < steps.size() && state.stepOrPending(steps.get(current).id()).status().isDone()) current++;
        int from = Math.max(0, current - 3);
        int to = Math.min(steps.size(), current + 6);
        if (from > 0) lines.add("  \033[2m✔ " + from + " earlier step" + (from == 1 ? "" : "s") + " done\033[0m");
        for (int i = from; i < to; i++) {
            PlannedStep p = steps.get(i);
            StepState s = state.stepOrPending(p.id());
            lines.add("  " + icon(s.status()) + " " + pad(p.id(), 34) + " " + pad(p.step().kind(), 7) + " " + describe(s, now));
            if (s.status() == StepStatus.RUNNING) {
                for (String t : tail) lines.add("      \033[2m│ " + clip(t, 100) + "\033[0m");
            }
        }
        if (to < steps.size()) lines.add("  \033[2m… " + (steps.size() - to) + " more\033[0m");
        if (state.awaiting() != null) {
            lines.add("  " + state.awaiting().reason() + hint(state.awaiting(), state.phase() == RunState.Phase.ROLLBACK));
        }
        monitors.values().forEach(list -> list.forEach(m -> lines.add("  " + monitorLine(m, now))));
        return lines;
    }

    private static String describe(StepState s, Instant now) {
        return switch (s.status()) {
            case RUNNING -> "running " + seconds(Duration.between(s.startedAt(), now));
            case WAITING -> s.awaiting() == RunEvent.Await.TIMER && s.until() != null
                    ? "waiting, " + Durations.clock(Duration.between(now, s.until())) + " left"
                    : s.awaiting() == RunEvent.Await.GATE ? "waiting for approval" + (s.approvers().isEmpty() ? "" : " (" + String.join(", ", s.approvers()) + ")")
                    : "waiting for confirmation";
            case SUCCEEDED, FAILED -> s.status().label() + (s.startedAt() != null && s.finishedAt() != null
                    ? " " + seconds(Duration.between(s.startedAt(), s.finishedAt())) : "")
                    + (s.status() == StepStatus.FAILED && s.detail() != null ? " — " + clip(s.detail().lines().findFirst().orElse(""), 60) : "");
            case SKIPPED, INTERRUPTED, PENDING, CANCELLED -> s.status().label();
        };
    }

    /** {@code ◉ errors.value 9 (threshold > 5 for 2m) breaching for 12s · 40 samples · 3:20 left [triggers]} */
    static String monitorLine(MonitorReading m, Instant now) {
        String state = switch (m.state()) {
            case "breaching" -> "\033[31mbreaching" + (m.breachingSince() == null ? ""
                    : " for " + Duration.between(m.breachingSince(), now).toSeconds() + "s") + "\033[0m";
            case "fired" -> "\033[31mfired\033[0m";
            case "ok" -> "\033[32mok\033[0m";
            default -> "\033[33m" + m.state() + "\033[0m";
        };
        String left = m.until() == null ? "" : " · " + Durations.clock(Duration.between(now, m.until()).isNegative()
                ? Duration.ZERO : Duration.between(now, m.until())) + " left";
        return "◉ " + m.metric() + " " + clip(m.shown(), 60) + " (threshold " + m.threshold() + ") " + state
                + " · " + m.samples() + " samples" + left + " \033[2m[" + m.scope() + "]\033[0m";
    }

    private static String icon(StepStatus s) {
        return switch (s) {
            case PENDING -> "\033[2m·\033[0m";
            case RUNNING -> "\033[36m▶\033[0m";
            case WAITING -> "\033[33m⏸\033[0m";
            case SUCCEEDED -> "\033[32m✔\033[0m";
            case FAILED -> "\033[31m✖\033[0m";
            case SKIPPED -> "↷";
            case INTERRUPTED -> "\033[33m⚠\033[0m";
            case CANCELLED -> "\033[2m⊘\033[0m";
        };
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s.substring(0, w) : s + " ".repeat(w - s.length());
    }

    private static String clip(String s, int w) {
        return s.length() > w ? s.substring(0, w - 1) + "…" : s;
    }
}
