package dev.runway.engine.step;

import dev.runway.engine.MonitorReading;
import java.util.List;

/**
 * What an observation window shares with the run around it: its figures, shown to other
 * processes; the values its monitors gave before the change; and whether the runbook's triggers
 * are already watched by the run's armed triggers (so a window does not watch them twice).
 */
public interface MonitorBoard {

    /** The latest figures of one window; called at most once per sample that came in. */
    default void show(String scope, List<MonitorReading> readings) {}

    /** The window is over: its figures are no longer current. */
    default void clear(String scope) {}

    /** Values a probe or command monitor gave before the change, or null when none were kept. */
    default List<Double> baseline(String monitor) {
        return null;
    }

    /** True while the run's armed triggers watch the runbook's {@code triggers:}. */
    default boolean triggersArmed() {
        return false;
    }

    /**
     * True for the run's armed triggers' own window, which runs for long beside other steps: it
     * prints no status lines (its figures go to the board), and reaching the rollback deadline
     * only disarms it, even with a rule that never got enough samples to decide.
     */
    default boolean armedTriggers() {
        return false;
    }

    MonitorBoard NONE = new MonitorBoard() {};
}
