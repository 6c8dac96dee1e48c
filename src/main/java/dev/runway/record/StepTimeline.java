package dev.runway.record;

import dev.runway.engine.RunEvent;
import dev.runway.engine.RunState;
import dev.runway.engine.StepState;
import dev.runway.engine.StoredEvent;
import dev.runway.plan.Plan;
import dev.runway.plan.PlannedStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's steps on one time axis, from the run's start to its end (or its last entry): when
 * each step ran, for how long, in what state it ended and who acted on it.
 *
 * @param from the run's start
 * @param to   the run's end, or its last journal entry while it goes on
 */
record StepTimeline(Instant from, Instant to, List<Row> rows) {

    /**
     * @param actor the people who decided the step (approvers, whoever rejected, confirmed,
     *              skipped or decided on it), else who ran it; null for a step never started
     */
    record Row(String step, String title, boolean rollback, String status, String actor, Instant startedAt, Instant finishedAt) {
        /** Null unless the step both started and ended. */
        Duration duration() {
            return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt);
        }
    }

    static StepTimeline of(RunState state, Plan plan) {
        Map<String, Set<String>> deciders = new HashMap<>();
        Map<String, String> runners = new HashMap<>();
        for (StoredEvent e : state.events()) {
            String step = e.event().step();
            if (step == null) continue;
            if (e.event() instanceof RunEvent.StepStarted) runners.put(step, e.actor());
            String decider = decider(e.event());
            if (decider != null) deciders.computeIfAbsent(step, k -> new LinkedHashSet<>()).add(decider);
        }
        List<Row> rows = new ArrayList<>();
        for (PlannedStep p : plan.steps()) {
            StepState s = state.stepOrPending(p.id());
            Set<String> people = deciders.get(p.id());
            String actor = people != null ? String.join(", ", people) : s.startedAt() == null ? null : runners.get(p.id());
            rows.add(new Row(p.id(), p.step().title(), p.step().rollback(), ExecutedRunbook.statusLabel(state, s), actor,
                    s.startedAt(), s.finishedAt()));
        }
        Instant to = state.finishedAt() != null ? state.finishedAt() : state.updatedAt();
        return new StepTimeline(state.startedAt(), to, rows);
    }

    /** Who made a person's decision on a step with this event, or null when it is none. */
    private static String decider(RunEvent event) {
        return switch (event) {
            case RunEvent.Approved e -> e.actor();
            case RunEvent.Rejected e -> e.actor();
            case RunEvent.Confirmed e -> e.actor();
            case RunEvent.StepSkipped e -> e.actor();
            case RunEvent.Decided e -> e.actor();
            case RunEvent.RunStarted e -> null;
            case RunEvent.StepStarted e -> null;
            case RunEvent.StepSucceeded e -> null;
            case RunEvent.StepFailed e -> null;
            case RunEvent.StepInterrupted e -> null;
            case RunEvent.StepAwaiting e -> null;
            case RunEvent.ActionDenied e -> null;
            case RunEvent.RollbackRequested e -> null;
            case RunEvent.RunResumed e -> null;
            case RunEvent.WatchStarted e -> null;
            case RunEvent.RollbackStarted e -> null;
            case RunEvent.RunFinished e -> null;
            case RunEvent.TokenCreated e -> null;
            case RunEvent.TokenRevoked e -> null;
        };
    }

    /** Where {@code t} falls between the run's start (0) and end (1). */
    double position(Instant t) {
        long span = Duration.between(from, to).toNanos();
        return span <= 0 ? 0 : Math.clamp((double) Duration.between(from, t).toNanos() / span, 0.0, 1.0);
    }
}
