package dev.runway.record;

import dev.runway.engine.RunEvent;
import dev.runway.engine.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One attempt at a step as the journal tells it: when it started and how it ended. The read
 * model keeps only a step's last attempt; {@code runway logs} shows each one's output under it.
 *
 * @param outcome how it ended ({@code succeeded: exit 0}, {@code failed: exit 1}), null while it runs
 */
public record StepAttempt(String step, int attempt, Instant startedAt, String outcome) {

    /**
     * The journal entries {@link #of} reads, for {@code JournalStore.load(runId, TYPES)}: the
     * server answers every poll of {@code logs --follow} with the attempts, and the rest of a long
     * run's journal (its runbook text above all) is not needed for them.
     */
    public static final Set<String> TYPES = Set.of(new RunEvent.StepStarted(null, 0).type(),
            new RunEvent.StepSucceeded(null, 0, null, null).type(), new RunEvent.StepFailed(null, 0, null, null).type(),
            new RunEvent.StepInterrupted(null, 0).type());

    /** The attempts of every step that ran, in the order they started. */
    public static List<StepAttempt> of(List<StoredEvent> events) {
        List<StepAttempt> attempts = new ArrayList<>();
        Map<String, Integer> started = new HashMap<>();
        for (StoredEvent stored : events) {
            RunEvent event = stored.event();
            if (event instanceof RunEvent.StepStarted s) {
                started.put(s.step() + "#" + s.attempt(), attempts.size());
                attempts.add(new StepAttempt(s.step(), s.attempt(), stored.at(), null));
                continue;
            }
            End end = end(event);
            Integer at = end == null ? null : started.get(event.step() + "#" + end.attempt());
            if (at != null) attempts.set(at, attempts.get(at).endedAs(end.how()));
        }
        return attempts;
    }

    private StepAttempt endedAs(String how) {
        return new StepAttempt(step, attempt, startedAt, how);
    }

    private record End(int attempt, String how) {}

    /** Which attempt this event ends and how, or null when it ends none. */
    private static End end(RunEvent event) {
        return switch (event) {
            case RunEvent.StepSucceeded e -> new End(e.attempt(), e.detail() == null ? "succeeded" : "succeeded: " + firstLine(e.detail()));
            case RunEvent.StepFailed e -> new End(e.attempt(), e.reason() == null ? "failed" : "failed: " + firstLine(e.reason()));
            case RunEvent.StepInterrupted e -> new End(e.attempt(), "interrupted: Runway stopped while it ran");
            case RunEvent.RunStarted e -> null;
            case RunEvent.StepStarted e -> null;
            case RunEvent.StepAwaiting e -> null;
            case RunEvent.StepSkipped e -> null;
            case RunEvent.Approved e -> null;
            case RunEvent.Rejected e -> null;
            case RunEvent.Confirmed e -> null;
            case RunEvent.Decided e -> null;
            case RunEvent.ActionDenied e -> null;
            case RunEvent.WatchStarted e -> null;
            case RunEvent.RunResumed e -> null;
            case RunEvent.RollbackRequested e -> null;
            case RunEvent.RollbackStarted e -> null;
            case RunEvent.RunFinished e -> null;
            case RunEvent.TokenCreated e -> null;
            case RunEvent.TokenRevoked e -> null;
        };
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }
}
