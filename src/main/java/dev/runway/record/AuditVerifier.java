package dev.runway.record;

import dev.runway.engine.JournalStore.ChainedEntry;
import dev.runway.engine.RunSummary;
import dev.runway.store.JournalHash;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the journal's hash chain. Each row's hash covers its fields and the previous row's
 * hash, and sequence numbers have no gaps, so an edited row, a deleted row and two swapped
 * rows all show up as the first entry where the chain no longer holds. Each run's summary row
 * records how many entries the run has, which also catches entries cut off the end.
 */
public final class AuditVerifier {

    /** @param brokenAt the first entry that fails, or 0 when the chain holds */
    public record Result(int entries, long brokenAt, String problem) {
        public boolean ok() {
            return brokenAt == 0 && problem == null;
        }
    }

    private AuditVerifier() {}

    public static Result verify(List<ChainedEntry> chain, List<RunSummary> runs) {
        String prev = JournalHash.GENESIS;
        long expectedSeq = 1;
        Map<String, Integer> lastRunSeq = new HashMap<>();
        for (ChainedEntry e : chain) {
            if (e.seq() != expectedSeq) {
                return broken(chain, e.seq(), e.seq() > expectedSeq
                        ? "entry " + expectedSeq + (e.seq() - expectedSeq > 1 ? "–" + (e.seq() - 1) : "") + " is missing (deleted?)"
                        : "entry " + e.seq() + " is out of order (reordered?)");
            }
            if (!e.prevHash().equals(prev)) {
                return broken(chain, e.seq(), "entry " + e.seq() + " does not follow the entry before it (reordered or replaced?)");
            }
            String hash = JournalHash.of(e.prevHash(), e.seq(), e.runId(), e.runSeq(), e.at(), e.actor(), e.type(), e.payload());
            if (!hash.equals(e.hash())) {
                return broken(chain, e.seq(), "entry " + e.seq() + " (" + e.type() + describeRun(e)
                        + ") does not match its hash (edited?)");
            }
            if (e.runId() != null) {
                int before = lastRunSeq.getOrDefault(e.runId(), 0);
                if (e.runSeq() != before + 1) {
                    return broken(chain, e.seq(), "entry " + e.seq() + " is event " + e.runSeq() + " of run " + e.runId()
                            + " but event " + (before + 1) + " was expected");
                }
                lastRunSeq.put(e.runId(), e.runSeq());
            }
            prev = e.hash();
            expectedSeq++;
        }
        for (RunSummary run : runs) {
            int found = lastRunSeq.getOrDefault(run.id(), 0);
            if (found != run.lastRunSeq()) {
                return new Result(chain.size(), Math.max(1, expectedSeq), "run " + run.id() + " records " + run.lastRunSeq()
                        + " journal entries but only " + found + " are in the journal (entries deleted from the end?)");
            }
        }
        return new Result(chain.size(), 0, null);
    }

    private static String describeRun(ChainedEntry e) {
        return e.runId() == null ? "" : ", run " + e.runId() + " event " + e.runSeq();
    }

    private static Result broken(List<ChainedEntry> chain, long at, String problem) {
        return new Result(chain.size(), at, problem);
    }

    public static Optional<String> describe(Result r) {
        return r.ok() ? Optional.empty() : Optional.of(r.problem());
    }
}
