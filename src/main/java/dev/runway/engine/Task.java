package dev.runway.engine;

import dev.runway.engine.step.StepExecutor;
import dev.runway.engine.step.StepOutcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Work that yields a step outcome, on a virtual thread of its own, so the drive can watch two
 * things at once (a step and the armed triggers) and stop one when the other decides.
 */
final class Task {

    private final CompletableFuture<StepOutcome> result = new CompletableFuture<>();
    private final Thread thread;

    Task(String name, StepExecutor.Prepared.Work work) {
        thread = Thread.ofVirtual().name(name).start(() -> {
            try {
                result.complete(work.run());
            } catch (InterruptedException e) {
                result.cancel(false);
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
    }

    CompletableFuture<StepOutcome> result() {
        return result;
    }

    boolean done() {
        return result.isDone();
    }

    /** Waits up to {@code millis} for the task to end; true when it has. */
    boolean await(long millis) throws InterruptedException {
        try {
            result.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            // ended all the same; get() reports how
        }
        return true;
    }

    /** The outcome, waiting for it; a failure of the work itself (a bug, not a failed step) is rethrown. */
    StepOutcome get() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Interrupts the work (a shell step kills its process tree) and waits until it has stopped. */
    void stop() {
        thread.interrupt();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
