package dev.runway.cli;

import dev.runway.engine.RunOwner;
import java.util.Optional;

/**
 * Whether a live process drives a run. Only a driving process acts on what the journal holds:
 * a run that {@code run --no-wait} left waiting, or whose process was killed, moves on a person's
 * approval or decision only once {@code runway resume} drives it again.
 */
final class Drivers {

    private Drivers() {}

    /** The process that drives the run, while one lives (or one on another host, whose death cannot be seen). */
    static Optional<String> driver(Workspace ws, String runId) {
        return ws.store().owner(runId).filter(owner -> !RunOwner.isGone(owner));
    }

    /**
     * "no process drives this run", naming its last owner when that one is known to be gone;
     * empty while a live process holds it (or one on another host whose death cannot be seen).
     */
    static Optional<String> none(Workspace ws, String runId) {
        var owner = ws.store().owner(runId);
        if (owner.isPresent() && !RunOwner.isGone(owner.get())) return Optional.empty();
        return Optional.of("no process drives this run" + owner.map(o -> " (its last one, " + o + ", is gone)").orElse(""));
    }

    /** What a person who just journaled {@code what} (a decision, an approval…) must still do, when nothing would act on it. */
    static Optional<String> untilResumed(Workspace ws, String runId, String what) {
        return none(ws, runId).map(none -> none + ": the " + what + " takes effect when it is resumed (runway resume " + runId + ")");
    }
}
