package dev.runway.engine.step;

/**
 * Runs one attempt of one kind of step. Executors never throw for a failing step: every way a
 * step can go wrong is a {@link StepOutcome.Failed} with a reason a person can act on.
 *
 * <p>The engine calls {@link #prepare} before it commits the step's start to the journal and
 * {@link Prepared#run} after, so an executor may do slow work without effect (start a shell that
 * waits for a go-ahead) while the commit is written.
 *
 * <pre>{@code
 * Prepared p = executor.prepare(ctx);
 * journal.commit();          // if this throws: p.cancel()
 * StepOutcome outcome = p.run();
 * }</pre>
 */
public interface StepExecutor {

    StepOutcome execute(StepContext context) throws InterruptedException;

    /** Readies one attempt without any effect a runbook could observe; the default does nothing ahead. */
    default Prepared prepare(StepContext context) {
        return Prepared.deferred(() -> execute(context));
    }

    /**
     * Whether {@link #prepare} readies something worth starting while the step before is still
     * running (a shell's start-up); the engine then readies this kind's next attempt ahead.
     */
    default boolean readiesAhead() {
        return false;
    }

    /** An attempt made ready; exactly one of {@link #run} and {@link #cancel} is called. */
    interface Prepared {
        StepOutcome run() throws InterruptedException;

        /** The start could not be journaled, or the attempt is not wanted after all: nothing of the step may run. */
        void cancel();

        /** False when what was readied is gone (a held shell killed from outside): prepare again. */
        default boolean stillReady() {
            return true;
        }

        /** Nothing readied ahead: running does all the work, cancelling has nothing to undo. */
        static Prepared deferred(Work work) {
            return new Prepared() {
                @Override
                public StepOutcome run() throws InterruptedException {
                    return work.run();
                }

                @Override
                public void cancel() {}
            };
        }

        interface Work {
            StepOutcome run() throws InterruptedException;
        }
    }
}
