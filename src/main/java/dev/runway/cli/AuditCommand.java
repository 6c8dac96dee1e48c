package dev.runway.cli;

import dev.runway.record.AuditVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "Verify the journal's hash chain: runway audit verify.")
final class AuditCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "ACTION", description = "verify")
    String action;

    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    int execute(Workspace ws) {
        if (!"verify".equals(action)) throw new UsageError("unknown audit action \"" + action + "\" (use: runway audit verify)");
        var result = AuditVerifier.verify(ws.store().chain(), ws.store().list(Integer.MAX_VALUE));
        if (result.ok()) {
            out().println("audit chain intact: " + result.entries() + " entries verified in " + ws.home());
            return ExitCodes.OK;
        }
        out().println("audit chain BROKEN at entry " + result.brokenAt() + ": " + result.problem());
        return ExitCodes.FAILED;
    }
}
