package dev.runway.engine;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one transition table for runs and steps. Every state change in {@link RunState} goes
 * through {@link #run} or {@link #step}; a move that is not in the table throws, naming the
 * run, the state and the trigger. Exercised transitions are remembered so a test can prove
 * that every declared transition is reachable.
 */
public final class Lifecycle {

    /** What a row is about. */
    public enum Subject { RUN, STEP }

    public record Transition(Subject subject, String from, String trigger, String to) {
        @Override
        public String toString() {
            return subject.name().toLowerCase() + ": " + from + " --" + trigger + "--> " + to;
        }
    }

    private static final String NEW = "new";

    public static final List<Transition> TABLE = List.of(
            run(NEW, "start", RunStatus.RUNNING),
            run(RunStatus.RUNNING, "await", RunStatus.WAITING),
            run(RunStatus.ROLLING_BACK, "await", RunStatus.WAITING),
            run(RunStatus.WAITING, "proceed", RunStatus.RUNNING),
            run(RunStatus.WAITING, "proceed-rollback", RunStatus.ROLLING_BACK),
            run(RunStatus.RUNNING, "succeed", RunStatus.SUCCEEDED),
            run(RunStatus.RUNNING, "watch", RunStatus.WATCHING),
            run(RunStatus.WATCHING, "succeed", RunStatus.SUCCEEDED),
            run(RunStatus.WATCHING, "rollback", RunStatus.ROLLING_BACK),
            run(RunStatus.RUNNING, "fail", RunStatus.FAILED),
            run(RunStatus.WAITING, "abort", RunStatus.ABORTED),
            run(RunStatus.RUNNING, "abort", RunStatus.ABORTED),
            run(RunStatus.RUNNING, "rollback", RunStatus.ROLLING_BACK),
            run(RunStatus.WAITING, "rollback", RunStatus.ROLLING_BACK),
            run(RunStatus.SUCCEEDED, "rollback", RunStatus.ROLLING_BACK),
            run(RunStatus.FAILED, "rollback", RunStatus.ROLLING_BACK),
            run(RunStatus.ABORTED, "rollback", RunStatus.ROLLING_BACK),
            // A failed rollback may be retried once its cause is fixed: the steps it completed stay done.
            run(RunStatus.ROLLBACK_FAILED, "rollback", RunStatus.ROLLING_BACK),
            run(RunStatus.ROLLING_BACK, "rolled-back", RunStatus.ROLLED_BACK),
            run(RunStatus.ROLLING_BACK, "rollback-fail", RunStatus.ROLLBACK_FAILED),
            run(RunStatus.WAITING, "rollback-fail", RunStatus.ROLLBACK_FAILED),

            step(StepStatus.PENDING, "start", StepStatus.RUNNING),
            step(StepStatus.FAILED, "start", StepStatus.RUNNING),
            step(StepStatus.INTERRUPTED, "start", StepStatus.RUNNING),
            step(StepStatus.RUNNING, "succeed", StepStatus.SUCCEEDED),
            step(StepStatus.RUNNING, "fail", StepStatus.FAILED),
            step(StepStatus.RUNNING, "interrupt", StepStatus.INTERRUPTED),
            step(StepStatus.PENDING, "await", StepStatus.WAITING),
            step(StepStatus.FAILED, "await", StepStatus.WAITING),
            step(StepStatus.WAITING, "succeed", StepStatus.SUCCEEDED),
            step(StepStatus.WAITING, "fail", StepStatus.FAILED),
            step(StepStatus.WAITING, "skip", StepStatus.SKIPPED),
            // The run was aborted or rolled back at this wait: it will never pass or fail.
            step(StepStatus.WAITING, "cancel", StepStatus.CANCELLED),
            // ... unless a failed rollback is retried: its cancelled rollback step waits again.
            step(StepStatus.CANCELLED, "await", StepStatus.WAITING),
            // Journals written before waits were cancelled: a retried rollback ended the wait it had
            // been left at without waiting again. The engine no longer does, but those must still fold.
            step(StepStatus.CANCELLED, "succeed", StepStatus.SUCCEEDED),
            step(StepStatus.CANCELLED, "fail", StepStatus.FAILED),
            step(StepStatus.CANCELLED, "skip", StepStatus.SKIPPED),
            step(StepStatus.FAILED, "skip", StepStatus.SKIPPED),
            step(StepStatus.INTERRUPTED, "skip", StepStatus.SKIPPED));

    private static final Set<Transition> EXERCISED = ConcurrentHashMap.newKeySet();

    private Lifecycle() {}

    /** The run's next state for a trigger; {@code from} is null for a run not yet started. */
    public static RunStatus run(String runId, RunStatus from, String trigger) {
        String fromLabel = from == null ? NEW : from.label();
        Transition t = find(Subject.RUN, fromLabel, trigger).orElseThrow(() -> new IllegalTransitionException(
                "run " + runId + " cannot " + trigger + " from state " + fromLabel));
        EXERCISED.add(t);
        return RunStatus.fromLabel(t.to());
    }

    public static StepStatus step(String runId, String stepId, StepStatus from, String trigger) {
        Transition t = find(Subject.STEP, from.label(), trigger).orElseThrow(() -> new IllegalTransitionException(
                "run " + runId + ": step " + stepId + " cannot " + trigger + " from state " + from.label()));
        EXERCISED.add(t);
        return StepStatus.valueOf(t.to().toUpperCase());
    }

    public static boolean allows(RunStatus from, String trigger) {
        return find(Subject.RUN, from.label(), trigger).isPresent();
    }

    /** Transitions taken in this JVM so far (for the coverage test). */
    public static Set<Transition> exercised() {
        return Set.copyOf(EXERCISED);
    }

    private static Optional<Transition> find(Subject subject, String from, String trigger) {
        return TABLE.stream()
                .filter(t -> t.subject() == subject && t.from().equals(from) && t.trigger().equals(trigger))
                .findFirst();
    }

    private static Transition run(Object from, String trigger, RunStatus to) {
        String f = from instanceof RunStatus s ? s.label() : (String) from;
        return new Transition(Subject.RUN, f, trigger, to.label());
    }

    private static Transition step(StepStatus from, String trigger, StepStatus to) {
        return new Transition(Subject.STEP, from.label(), trigger, to.label());
    }
}
