package dev.runway.record;

import dev.runway.engine.RunEvent;
import dev.runway.engine.RunStatus;
import dev.runway.engine.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who approved, rejected, confirmed or decided what at a run's steps, read from those journal
 * entries and the waits they answered alone ({@link #TYPES}): a thousand-step run's status
 * does not read its every step's entries for them.
 *
 * @param acts    every act, in run order
 * @param waitSeq the run sequence number of the wait the run is in now, or 0 when it is not waiting
 */
public record PeopleActs(List<Act> acts, int waitSeq) {

    /** One person's act at a step. */
    public sealed interface Act {
        String step();
        String by();
        Instant at();
        int runSeq();
    }

    public record Approval(String step, String by, String comment, Instant at, int runSeq) implements Act {}

    public record Rejection(String step, String by, String comment, Instant at, int runSeq) implements Act {}

    /** @param onBehalf {@code --confirm-manual} confirmed it for the initiator */
    public record Confirmation(String step, String by, String comment, boolean onBehalf, Instant at, int runSeq) implements Act {}

    public record Decision(String step, RunEvent.Decision choice, String by, String reason, Instant at, int runSeq) implements Act {}

    /**
     * The acts that settle a wait by themselves: a rejection, a confirmation, a decision. (An
     * approval may be one of several a gate needs; the gate's step row lists them.)
     */
    public static final Set<String> SETTLING = Set.of(new RunEvent.Rejected(null, null, null).type(),
            new RunEvent.Confirmed(null, null, false, null).type(), new RunEvent.Decided(null, null, null, null).type());

    /** What starts what a person answers. */
    public static final String WAIT = new RunEvent.StepAwaiting(null, null, null, null).type();

    /** The journal entries {@link #of} reads. */
    public static final Set<String> TYPES = Set.of(new RunEvent.Approved(null, null, null).type(),
            new RunEvent.Rejected(null, null, null).type(), new RunEvent.Confirmed(null, null, false, null).type(),
            new RunEvent.Decided(null, null, null, null).type(), WAIT);

    /** @param status the run's status now: only a waiting run has acts it has not applied yet */
    public static PeopleActs of(List<StoredEvent> entries, RunStatus status) {
        List<Act> acts = new ArrayList<>();
        int lastWait = 0;
        for (StoredEvent e : entries) {
            act(e).ifPresent(acts::add);
            if (e.event() instanceof RunEvent.StepAwaiting) lastWait = e.runSeq();
        }
        // A waiting run has not moved since its last wait began: what came after it is not applied yet.
        return new PeopleActs(List.copyOf(acts), status == RunStatus.WAITING ? lastWait : 0);
    }

    /** The acts among {@code entries} (e.g. those journaled since a wait began), in their order. */
    public static List<Act> acts(List<StoredEvent> entries) {
        return entries.stream().flatMap(e -> act(e).stream()).toList();
    }

    private static Optional<Act> act(StoredEvent e) {
        return Optional.ofNullable(switch (e.event()) {
            case RunEvent.Approved a -> new Approval(a.step(), a.actor(), a.comment(), e.at(), e.runSeq());
            case RunEvent.Rejected r -> new Rejection(r.step(), r.actor(), r.comment(), e.at(), e.runSeq());
            case RunEvent.Confirmed c -> new Confirmation(c.step(), c.actor(), c.comment(), c.onBehalf(), e.at(), e.runSeq());
            case RunEvent.Decided d -> new Decision(d.step(), d.choice(), d.actor(), d.reason(), e.at(), e.runSeq());
            default -> null;
        });
    }

    public static PeopleActs none() {
        return new PeopleActs(List.of(), 0);
    }

    /** The acts at one step, in run order. */
    public List<Act> at(String step) {
        return acts.stream().filter(a -> a.step().equals(step)).toList();
    }

    /** What people did since the run's current wait began, which no process has acted on yet. */
    public List<Act> unapplied() {
        return waitSeq == 0 ? List.of() : acts.stream().filter(a -> a.runSeq() > waitSeq).toList();
    }

    /** A decision journaled at the current wait that no process has carried out yet. */
    public Optional<Decision> pendingDecision() {
        return unapplied().stream().filter(Decision.class::isInstance).map(Decision.class::cast).reduce((first, last) -> last);
    }
}
