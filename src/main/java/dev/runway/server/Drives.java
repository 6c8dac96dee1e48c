package dev.runway.server;

import dev.runway.engine.Engine;
import dev.runway.engine.RunBusyException;
import dev.runway.engine.RunListener;
import dev.runway.plan.Plan;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs this server drives, one virtual thread each, until they end. Stopping interrupts
 * them: whatever they did is already in the journal, so every run stays resumable (by
 * {@code runway resume} or the next server).
 */
final class Drives {

    private static final Logger LOG = LoggerFactory.getLogger(Drives.class);

    private final Engine engine;
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    Drives(Engine engine) {
        this.engine = engine;
    }

    /** Starts driving {@code runId} unless this server already does. */
    void launch(String runId, Plan plan) {
        launch(runId, plan, null);
    }

    /** As {@link #launch(String, Plan)}, for a person resuming the run: journaled as theirs once the drive holds it. */
    void launch(String runId, Plan plan, String resumedBy) {
        if (stopping) return;
        running.computeIfAbsent(runId, id -> Thread.ofVirtual().name("drive-" + id).start(() -> drive(id, plan, resumedBy)));
    }

    /** Something was journaled for the run through this server: its drive acts on it now. */
    void wake(String runId) {
        engine.wake(runId);
    }

    int count() {
        return running.size();
    }

    boolean drives(String runId) {
        return running.containsKey(runId);
    }

    private void drive(String runId, Plan plan, String resumedBy) {
        try {
            var status = engine.drive(runId, plan, false, RunListener.NONE, resumedBy);
            LOG.info("run {} {}", runId, status.label());
        } catch (InterruptedException e) {
            LOG.info("run {} left resumable: the server is stopping", runId);
        } catch (RunBusyException busy) {
            LOG.info("{}", busy.getMessage());
        } catch (RuntimeException e) {
            LOG.error("run {} stopped on an unexpected error; it can be resumed", runId, e);
        } finally {
            running.remove(runId);
        }
    }

    /** Interrupts every drive and waits for each to release its run. */
    void stop(Duration grace) {
        stopping = true;
        running.values().forEach(Thread::interrupt);
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : running.values()) {
            try {
                t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
