package dev.runway.cli;

import dev.runway.access.Identity;
import dev.runway.access.Permission;
import dev.runway.engine.StoredEvent;
import picocli.CommandLine.Command;

@Command(name = "confirm", mixinStandardHelpOptions = true, description = "Confirm the manual task a run waits on.")
final class ConfirmCommand extends InterventionCommand {

    @Override
    String verb() {
        return "confirmed";
    }

    @Override
    String noun() {
        return "confirmation";
    }

    @Override
    Permission permission() {
        return Permission.OPERATE;
    }

    @Override
    StoredEvent act(Workspace ws, String runId, Identity who) {
        return ws.interventions().confirm(runId, who, comment);
    }
}
