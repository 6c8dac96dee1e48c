package dev.runway.record;

import dev.runway.engine.JournalStore.AuditSnapshot;
import dev.runway.engine.JournalStore.ChainedEntry;
import dev.runway.engine.RunSummary;
import dev.runway.store.JournalHash;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the journal's hash chain. Each row's hash covers its fields and the previous row's
 * hash, and sequence numbers have no gaps, so an edited row, a deleted row and two swapped
 * rows all show up as the first entry where the chain no longer holds. Each run's summary row
 * records how many entries the run has, which also catches entries cut off the end.
 *
 * <p>Nothing inside the file anchors its last entry: whoever deletes the newest entries (and
 * the rows that mention them) leaves a shorter chain that holds. A {@link Head} recorded
 * earlier, outside the file, catches that. What is kept beside the journal is checked against
 * it too: listings must show what the journal says ({@link ReadModelCheck}), and each step's
 * stored output must be what its end entry recorded ({@link StepOutputCheck}).
 *
 * <pre>{@code
 * Result r = AuditVerifier.verify(store.auditSnapshot(), Head.parse("79:3fa1…"));
 * }</pre>
 */
public final class AuditVerifier {

    private static final Pattern HEAD = Pattern.compile("(\\d{1,18}):([0-9a-f]{64})");

    /** A journal entry by sequence number and hash, as {@code audit verify} prints its last one: {@code 79:3fa1…}. */
    public record Head(long seq, String hash) {
        /** @throws IllegalArgumentException unless {@code text} is {@code SEQ:HASH} with a 64-digit hex hash */
        public static Head parse(String text) {
            Matcher m = HEAD.matcher(text.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("a head is SEQ:HASH, the sequence number and the 64 hex digits of an entry's hash"
                        + " as audit verify prints them, not \"" + text + "\"");
            }
            return new Head(Long.parseLong(m.group(1)), m.group(2));
        }

        @Override
        public String toString() {
            return seq + ":" + hash;
        }
    }

    /** What a problem is in; verify checks them in this order and reports the first problem. */
    public enum Part { CHAIN, READ_MODEL, STEP_OUTPUT }

    /**
     * @param head     the journal's last entry (0 and the genesis hash when it is empty)
     * @param brokenAt the first entry where the chain fails, or 0 when it holds
     * @param problem  what fails, the chain's, the read model's or the stored output's; null when all holds
     * @param broken   where {@code problem} is; null when all holds
     */
    public record Result(int entries, Head head, long brokenAt, String problem, Part broken) {
        public boolean ok() {
            return brokenAt == 0 && problem == null;
        }

        public boolean chainIntact() {
            return brokenAt == 0;
        }

        /** The verdict as {@code audit verify --json} and {@code GET /api/audit/verify} give it. */
        public Map<String, Object> document() {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("seq", head.seq());
            h.put("hash", head.hash());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", ok());
            m.put("entries", entries);
            m.put("head", h);
            m.put("broken_at", chainIntact() ? null : brokenAt);
            m.put("problem", problem);
            return m;
        }
    }

    private AuditVerifier() {}

    /** @param recorded a head recorded earlier, which the journal must still hold; null when none */
    public static Result verify(AuditSnapshot snapshot, Head recorded) {
        List<ChainedEntry> chain = snapshot.chain();
        Head head = chain.isEmpty() ? new Head(0, JournalHash.GENESIS) : new Head(chain.getLast().seq(), chain.getLast().hash());
        String prev = JournalHash.GENESIS;
        long expectedSeq = 1;
        Map<String, Integer> lastRunSeq = new HashMap<>();
        for (ChainedEntry e : chain) {
            if (e.seq() != expectedSeq) {
                return broken(chain, head, e.seq(), e.seq() > expectedSeq
                        ? "entry " + expectedSeq + (e.seq() - expectedSeq > 1 ? "–" + (e.seq() - 1) : "") + " is missing (deleted?)"
                        : "entry " + e.seq() + " is out of order (reordered?)");
            }
            if (!e.prevHash().equals(prev)) {
                return broken(chain, head, e.seq(), "entry " + e.seq() + " does not follow the entry before it (reordered or replaced?)");
            }
            String hash = JournalHash.of(e.prevHash(), e.seq(), e.runId(), e.runSeq(), e.at(), e.actor(), e.type(), e.payload());
            if (!hash.equals(e.hash())) {
                return broken(chain, head, e.seq(), "entry " + e.seq() + " (" + e.type() + describeRun(e)
                        + ") does not match its hash (edited?)");
            }
            if (e.runId() != null) {
                int before = lastRunSeq.getOrDefault(e.runId(), 0);
                if (e.runSeq() != before + 1) {
                    return broken(chain, head, e.seq(), "entry " + e.seq() + " is event " + e.runSeq() + " of run " + e.runId()
                            + " but event " + (before + 1) + " was expected");
                }
                lastRunSeq.put(e.runId(), e.runSeq());
            }
            prev = e.hash();
            expectedSeq++;
        }
        if (recorded != null) {
            if (head.seq() < recorded.seq()) {
                return broken(chain, head, head.seq() + 1, "the journal ends at entry " + head.seq() + " but entry " + recorded.seq()
                        + " was recorded as its head (entries deleted from the end?)");
            }
            String found = recorded.seq() == 0 ? JournalHash.GENESIS : chain.get((int) recorded.seq() - 1).hash();
            if (!found.equals(recorded.hash())) {
                return broken(chain, head, recorded.seq(), "entry " + recorded.seq() + " has hash " + found + ", not the recorded "
                        + recorded.hash() + " (the journal was rewritten up to there?)");
            }
        }
        if (snapshot.unreadable() != null) return new Result(chain.size(), head, 0, snapshot.unreadable(), Part.READ_MODEL);
        for (RunSummary run : snapshot.readModel().runs()) {
            // A row with no entries at all is the read model's problem: nothing says it ever had any.
            int found = lastRunSeq.getOrDefault(run.id(), 0);
            if (found != 0 && found != run.lastRunSeq()) {
                return broken(chain, head, Math.max(1, expectedSeq), "run " + run.id() + " records " + run.lastRunSeq()
                        + " journal entries but only " + found + " are in the journal (entries deleted from the end?)");
            }
        }
        var readModel = ReadModelCheck.firstProblem(chain, snapshot.readModel());
        if (readModel.isPresent()) return new Result(chain.size(), head, 0, readModel.get(), Part.READ_MODEL);
        return StepOutputCheck.firstProblem(chain, snapshot.outputDigests())
                .map(problem -> new Result(chain.size(), head, 0, problem, Part.STEP_OUTPUT))
                .orElseGet(() -> new Result(chain.size(), head, 0, null, null));
    }

    private static String describeRun(ChainedEntry e) {
        return e.runId() == null ? "" : ", run " + e.runId() + " event " + e.runSeq();
    }

    private static Result broken(List<ChainedEntry> chain, Head head, long at, String problem) {
        return new Result(chain.size(), head, at, problem, Part.CHAIN);
    }
}
