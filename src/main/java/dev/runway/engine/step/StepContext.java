package dev.runway.engine.step;

import dev.runway.plan.PlannedStep;
import dev.runway.runbook.FrontMatter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Everything an executor needs for one attempt.
 *
 * @param environment variables, secrets and the RUNWAY_* identifiers, added to the process env
 * @param workdir     where commands run: the runbook's directory
 * @param sink        receives masked output as it arrives (live view, stored log)
 * @param front       the runbook's front matter (monitors and triggers for observe steps)
 * @param runStarted  when the run started: the end of a monitor's baseline, before any change
 * @param board       where observe windows show their figures and find their baselines
 */
public record StepContext(String runId, PlannedStep step, int attempt, Map<String, String> environment,
                          Path workdir, SecretMasker masker, OutputSink sink,
                          FrontMatter front, Instant runStarted, MonitorBoard board) {

    public StepContext(String runId, PlannedStep step, int attempt, Map<String, String> environment, Path workdir,
                       SecretMasker masker, OutputSink sink, FrontMatter front, Instant runStarted) {
        this(runId, step, attempt, environment, workdir, masker, sink, front, runStarted, MonitorBoard.NONE);
    }
}
