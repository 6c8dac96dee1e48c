package dev.runway.engine;

import dev.runway.engine.step.MonitorBoard;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The board of one drive: observe windows and the armed triggers show their figures here, and
 * it keeps them in the read model for other processes and passes them to the live view.
 */
final class RunBoard implements MonitorBoard {

    private final JournalStore store;
    private final String runId;
    private final RunListener listener;
    private final BooleanSupplier triggersArmed;

    RunBoard(JournalStore store, String runId, RunListener listener, BooleanSupplier triggersArmed) {
        this.store = store;
        this.runId = runId;
        this.listener = listener;
        this.triggersArmed = triggersArmed;
    }

    @Override
    public void show(String scope, List<MonitorReading> readings) {
        store.showMonitors(runId, scope, readings);
        listener.onMonitors(scope, readings);
    }

    @Override
    public void clear(String scope) {
        show(scope, List.of());
    }

    @Override
    public List<Double> baseline(String monitor) {
        return store.baseline(runId, monitor).orElse(null);
    }

    @Override
    public boolean triggersArmed() {
        return triggersArmed.getAsBoolean();
    }

    /** The board the armed triggers' own window uses: it watches the triggers, and prints no status lines. */
    MonitorBoard forTriggers() {
        RunBoard outer = this;
        return new MonitorBoard() {
            @Override
            public void show(String scope, List<MonitorReading> readings) {
                outer.show(scope, readings);
            }

            @Override
            public void clear(String scope) {
                outer.clear(scope);
            }

            @Override
            public List<Double> baseline(String monitor) {
                return outer.baseline(monitor);
            }

            @Override
            public boolean armedTriggers() {
                return true;
            }
        };
    }
}
