package dev.runway.cli;

import dev.runway.access.Identity;
import dev.runway.access.Permission;
import dev.runway.engine.StoredEvent;
import picocli.CommandLine.Command;

@Command(name = "reject", mixinStandardHelpOptions = true,
        description = "Reject the gate a run waits at (the run aborts, or rolls back if the gate says so).")
final class RejectCommand extends InterventionCommand {

    @Override
    String verb() {
        return "rejected";
    }

    @Override
    String noun() {
        return "rejection";
    }

    @Override
    Permission permission() {
        return Permission.REJECT;
    }

    @Override
    StoredEvent act(Workspace ws, String runId, Identity who) {
        return ws.interventions().reject(runId, who, comment);
    }
}
