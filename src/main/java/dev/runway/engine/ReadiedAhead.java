package dev.runway.engine;

import dev.runway.engine.step.StepExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The next step's attempt, readied while the current step's start is committed and the step runs.
 * For a shell step that means its bash started and held before its first line
 * ({@code ShellExecutor.HOLD}), so the shell's own start-up overlaps the step before it instead of
 * following it.
 *
 * <p>It is a guess made before the current step's outcome is known. When the engine's next move
 * is anything else (a retry, a failure's decision, a rollback, the end of the drive), the readied
 * attempt is cancelled, having run nothing.
 */
final class ReadiedAhead {

    /** An attempt readied ahead, with the output sink its context was built with. */
    record Readied(StoredOutputSink sink, StepExecutor.Prepared prepared) {}

    private record Guess(String step, int attempt, StoredOutputSink sink, CompletableFuture<StepExecutor.Prepared> prepared) {}

    private Guess guess;

    /** Starts readying {@code step}'s {@code attempt} on a virtual thread of its own; the previous guess is dropped. */
    void ready(String step, int attempt, StoredOutputSink sink, Supplier<StepExecutor.Prepared> prepare) {
        drop();
        Guess g = new Guess(step, attempt, sink, new CompletableFuture<>());
        guess = g;
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
     * way, if it is still usable; otherwise null, and whatever was readied is cancelled.
     */
    Readied take(String step, int attempt) {
        Guess g = guess;
        guess = null;
        if (g == null) return null;
        if (!g.step().equals(step) || g.attempt() != attempt) {
            cancel(g);
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

    /** Cancels what was readied, if anything. */
    void drop() {
        Guess g = guess;
        guess = null;
        if (g != null) cancel(g);
    }

    private static void cancel(Guess g) {
        // Still readying: the attempt is cancelled the moment it is ready. Ready: cancel it now.
        if (!g.prepared().cancel(false) && !g.prepared().isCompletedExceptionally()) {
            g.prepared().join().cancel();
        }
    }
}
