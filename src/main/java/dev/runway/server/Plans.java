package dev.runway.server;

import dev.runway.engine.RunEvent.RunStarted;
import dev.runway.engine.RunStarts;
import dev.runway.plan.BindResult;
import dev.runway.plan.Plan;
import dev.runway.runbook.Diagnostic;
import java.util.stream.Collectors;

/** A run's plan rebuilt from its journal: the runbook text it started with, bound again. */
final class Plans {

    private Plans() {}

    /** @param strict also reads the run's secrets from the server's environment (needed to drive it) */
    static Plan of(RunStarted started, boolean strict) {
        BindResult bound = RunStarts.rebind(started, System.getenv(), strict);
        if (strict && !bound.ok()) {
            throw ApiError.invalidRequest(bound.errors().stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
        }
        return bound.plan();
    }
}
