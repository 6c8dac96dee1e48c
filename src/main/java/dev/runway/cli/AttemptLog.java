package dev.runway.cli;

import dev.runway.engine.JournalStore.OutputChunk;
import dev.runway.record.ExecutedRunbook;
import dev.runway.record.StepAttempt;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code runway logs} prints: each attempt's output under a header that says which attempt
 * it was, when it started and how it ended, so a retried step's attempts read apart:
 * {@code ── attempt 2 · started 2026-12-03 15:13:22Z · failed: exit 1 ──}. Called again with
 * what came since, it goes on where it stopped ({@code --follow}): an attempt still running
 * when its header was printed gets a closing line once it ends.
 */
final class AttemptLog {

    private final PrintStream out;
    /** Whether headers name the step: all steps' output is printed together. */
    private final boolean allSteps;
    /** How many of the run's attempts (in the order they started) have their header printed. */
    private int headed;
    /** The headed attempts (by index) that were running when headed and have no closing line yet. */
    private final java.util.TreeSet<Integer> running = new java.util.TreeSet<>();
    private final Set<String> unknown = new HashSet<>();

    AttemptLog(PrintStream out, boolean allSteps) {
        this.out = out;
        this.allSteps = allSteps;
    }

    /**
     * Prints {@code chunks} (output not printed before), each under its attempt's header. The
     * attempts must have been read before the chunks: then an attempt that has ended has all
     * its output among them, and its closing line comes after it.
     */
    void print(List<StepAttempt> attempts, List<OutputChunk> chunks) {
        for (OutputChunk c : chunks) {
            int at = indexOf(attempts, c.step(), c.attempt());
            if (at < 0) {
                // Output whose start the journal does not show: still under a header of its own.
                if (unknown.add(key(c.step(), c.attempt()))) out.println("── " + name(c.step(), c.attempt()) + " ──");
            } else {
                headUpTo(attempts, at);
            }
            out.print(c.text().endsWith("\n") ? c.text() : c.text() + "\n");
        }
        headUpTo(attempts, attempts.size() - 1);
        closeEnded(attempts, attempts.size());
    }

    /** Headers for the attempts up to index {@code last} not headed yet, and closing lines for earlier ones that ended. */
    private void headUpTo(List<StepAttempt> attempts, int last) {
        closeEnded(attempts, last);
        for (; headed <= last; headed++) {
            StepAttempt a = attempts.get(headed);
            out.println("── " + name(a.step(), a.attempt()) + " · started " + ExecutedRunbook.utc(a.startedAt()) + " · "
                    + (a.outcome() == null ? "running" : a.outcome()) + " ──");
            if (a.outcome() == null) running.add(headed);
        }
    }

    /** Closing lines for the attempts before index {@code before} that were running when headed and have ended since. */
    private void closeEnded(List<StepAttempt> attempts, int before) {
        for (var it = running.headSet(before).iterator(); it.hasNext(); ) {
            StepAttempt a = attempts.get(it.next());
            if (a.outcome() != null) {
                out.println("── " + name(a.step(), a.attempt()) + " · " + a.outcome() + " ──");
                it.remove();
            }
        }
    }

    private String name(String step, int attempt) {
        return (allSteps ? step + " · " : "") + "attempt " + attempt;
    }

    private static int indexOf(List<StepAttempt> attempts, String step, int attempt) {
        // The chunk's attempt is almost always among the last ones: search from the end.
        for (int i = attempts.size() - 1; i >= 0; i--) {
            if (attempts.get(i).attempt() == attempt && attempts.get(i).step().equals(step)) return i;
        }
        return -1;
    }

    private static String key(String step, int attempt) {
        return step + "#" + attempt;
    }
}
