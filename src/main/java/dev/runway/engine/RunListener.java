package dev.runway.engine;

/** Watches a run being driven: the live view in a terminal, the server's event stream. */
public interface RunListener {

    /** After an event is durably journaled and applied to {@code state}. */
    default void onEvent(StoredEvent event, RunState state) { }

    /** Masked output of the running step as it arrives. */
    default void onOutput(String step, String text) { }

    /** The latest figures of a window watching monitors ({@code scope}); empty when it ended. */
    default void onMonitors(String scope, java.util.List<MonitorReading> readings) { }

    /** Called about once a second while the run waits (countdowns). */
    default void onTick(RunState state) { }

    RunListener NONE = new RunListener() { };
}
