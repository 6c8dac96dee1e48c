package dev.runway.record;

import dev.runway.engine.RunEvent;
import dev.runway.engine.RunEvent.RunStarted;
import dev.runway.engine.RunStarts;
import dev.runway.engine.RunState;
import dev.runway.engine.StoredEvent;
import dev.runway.plan.Plan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A run's journal written by hand, event by event, for the record's pure formats: its state and plan. */
final class RecordedRun {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final RunStarted start;
    private final List<StoredEvent> events = new ArrayList<>();

    RecordedRun(String source) {
        start = new RunStarted("release", "prod", "Release", "/runbooks/release.md", source, "0".repeat(64), Map.of(), List.of(),
                "alice", Map.of());
        at(0, "alice", start);
    }

    /** Appends {@code event} by {@code actor}, {@code seconds} after the run started. */
    RecordedRun at(double seconds, String actor, RunEvent event) {
        events.add(new StoredEvent(events.size() + 1, "run-1", events.size() + 1, T0.plusMillis((long) (seconds * 1000)), actor, event));
        return this;
    }

    RunState state() {
        return RunState.fold("run-1", events);
    }

    Plan plan() {
        return RunStarts.rebind(start, Map.of(), false).plan();
    }
}
