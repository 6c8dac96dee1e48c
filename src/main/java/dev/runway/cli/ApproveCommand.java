package dev.runway.cli;

import dev.runway.access.Identity;
import dev.runway.access.Permission;
import dev.runway.engine.StoredEvent;
import picocli.CommandLine.Command;

@Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve the gate a run waits at.")
final class ApproveCommand extends InterventionCommand {

    @Override
    String verb() {
        return "approved";
    }

    @Override
    String noun() {
        return "approval";
    }

    @Override
    Permission permission() {
        return Permission.APPROVE;
    }

    @Override
    StoredEvent act(Workspace ws, String runId, Identity who) {
        return ws.interventions().approve(runId, who, comment);
    }
}
