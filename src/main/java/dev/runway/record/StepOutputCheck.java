package dev.runway.record;

import dev.runway.engine.JournalStore.Attempt;
import dev.runway.engine.JournalStore.ChainedEntry;
import dev.runway.engine.OutputDigest;
import dev.runway.engine.RunEvent;
import dev.runway.store.EventCodec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A step attempt's whole output is stored beside the journal ({@code step_output}), and
 * {@code runway logs} shows whatever is there. The attempt's end entry records the digest of
 * what was stored up to it, and nothing is stored for the attempt after it, so the stored chunks
 * must still give that digest: an edited, deleted or added chunk does not.
 *
 * <p>Not covered: the output of an attempt with no end entry (the process died mid-step, or was
 * stopped from outside), of one ended because a trigger fired (it is stopped after the entry), of
 * the armed triggers (not a step), and end entries written before the digest existed.
 */
final class StepOutputCheck {

    private StepOutputCheck() {}

    static Optional<String> firstProblem(List<ChainedEntry> chain, Map<Attempt, String> stored) {
        for (ChainedEntry e : chain) {
            // Only end entries record a digest: decoding every other entry would be wasted.
            if (e.runId() == null || !(e.type().equals("step.succeeded") || e.type().equals("step.failed"))) continue;
            RunEvent event = EventCodec.decode(e.type(), e.payload());
            Attempt attempt;
            String recorded;
            if (event instanceof RunEvent.StepSucceeded s) {
                attempt = new Attempt(e.runId(), s.step(), s.attempt());
                recorded = s.outputSha256();
            } else if (event instanceof RunEvent.StepFailed f) {
                attempt = new Attempt(e.runId(), f.step(), f.attempt());
                recorded = f.outputSha256();
            } else {
                continue;
            }
            if (recorded != null && !recorded.equals(stored.getOrDefault(attempt, OutputDigest.EMPTY))) {
                return Optional.of("step output of run " + attempt.runId() + ", step \"" + attempt.step() + "\", attempt "
                        + attempt.attempt() + " does not match what journal entry " + e.seq() + " recorded (edited or deleted outside Runway?)");
            }
        }
        return Optional.empty();
    }
}
