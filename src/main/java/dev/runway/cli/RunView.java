package dev.runway.cli;

import dev.runway.engine.RunSummary;
import dev.runway.record.PeopleActs;
import dev.runway.record.RunDocument;
import java.util.Map;

/** What {@code run}, {@code resume} and {@code status} print with --json: the run, and where its home is. */
final class RunView {

    private RunView() {}

    static Map<String, Object> of(Workspace ws, RunSummary run) {
        PeopleActs acts = PeopleActs.of(ws.store().load(run.id(), PeopleActs.TYPES), run.status());
        Map<String, Object> m = RunDocument.of(run, ws.store().steps(run.id()), acts, ws.store().monitors(run.id()), ws.clock().instant());
        m.put("home", ws.home().toString());
        return m;
    }
}
