package dev.runway.cli;

import dev.runway.engine.RunSnapshot.StepListing;
import dev.runway.engine.RunSummary;
import dev.runway.record.RunDocument;
import java.util.List;
import java.util.Map;

/** What {@code run}, {@code resume} and {@code status} print with --json: the run, and where its home is. */
final class RunView {

    private RunView() {}

    static Map<String, Object> of(RunSummary run, List<StepListing> steps, String home) {
        Map<String, Object> m = RunDocument.of(run, steps);
        m.put("home", home);
        return m;
    }
}
