package dev.runway.engine;

import dev.runway.engine.step.StepExecutor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The attempts of the next steps, readied while the current step's start is committed and the
 * step runs. For a shell step that means its bash started and held before its first line
 * ({@code ShellExecutor.HOLD}), so the shell's own start-up overlaps the steps before it instead
 * of following them.
 *
 * <p>They are guesses, made before the current step's outcome is known, kept in the order the
 * steps would run. When the engine's next move is anything else (a retry, a failure's decision,
 * a rollback, the end of the drive), every readied attempt is cancelled, having run nothing.
 */
final class ReadiedAhead {

    /**
     * How many steps ahead to ready. A bash takes longer to start (about 2 ms on a 2-core
     * machine) than a short step takes to run and commit, so a shell readied only one step ahead
     * was often still starting when its turn came; two ahead hides the start-up entirely.
     */
    static final int DEPTH = 2;

    /** An attempt readied ahead, with the output sink its context was built with. */
    record Readied(StoredOutputSink sink, StepExecutor.Prepared prepared) {}

    private record Guess(String step, int attempt, StoredOutputSink sink, CompletableFuture<StepExecutor.Prepared> prepared) {}

    private final Deque<Guess> guesses = new ArrayDeque<>();

    /** Whether the guess at {@code position} (0 = the next step to run) is exactly this step and attempt. */
    boolean holds(int position, String step, int attempt) {
        int i = 0;
        for (Guess g : guesses) {
            if (i++ == position) return g.step().equals(step) && g.attempt() == attempt;
        }
        return false;
    }

    /** Cancels the guesses from {@code position} on, keeping those before it. */
    void dropFrom(int position) {
        while (guesses.size() > position) cancel(guesses.removeLast());
    }

    /** Starts readying {@code step}'s {@code attempt} on a virtual thread of its own, after the guesses held. */
    void ready(String step, int attempt, StoredOutputSink sink, Supplier<StepExecutor.Prepared> prepare) {
        Guess g = new Guess(step, attempt, sink, new CompletableFuture<>());
        guesses.addLast(g);
        Thread.ofVirtual().name("ready-" + step).start(() -> {
            StepExecutor.Prepared p;
            try {
                p = prepare.get();
            } catch (RuntimeException failed) {
                g.prepared().completeExceptionally(failed);
                return;
            }
            // Dropped meanwhile: nobody will take it.
            if (!g.prepared().complete(p)) p.cancel();
        });
    }

    /**
     * The attempt readied for exactly this step and attempt, waiting for a readying still under
     * way, if it is the next guess and still usable; otherwise null. A wrong first guess means
     * the guesses after it are wrong too: all are cancelled.
     */
    Readied take(String step, int attempt) {
        Guess g = guesses.pollFirst();
        if (g == null) return null;
        if (!g.step().equals(step) || g.attempt() != attempt) {
            cancel(g);
            drop();
            return null;
        }
        StepExecutor.Prepared prepared;
        try {
            prepared = g.prepared().join();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException failed) {
            return null;
        }
        if (!prepared.stillReady()) {
            prepared.cancel();
            return null;
        }
        return new Readied(g.sink(), prepared);
    }

    /** Cancels everything readied. */
    void drop() {
        for (Iterator<Guess> it = guesses.iterator(); it.hasNext(); ) {
            Guess g = it.next();
            it.remove();
            cancel(g);
        }
    }

    private static void cancel(Guess g) {
        // Still readying: the attempt is cancelled the moment it is ready. Ready: cancel it now.
        if (!g.prepared().cancel(false) && !g.prepared().isCompletedExceptionally()) {
            g.prepared().join().cancel();
        }
    }
}
