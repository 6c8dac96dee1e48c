package dev.runway.cli;

import dev.runway.engine.JournalStore.AuditSnapshot;
import dev.runway.record.AuditVerifier;
import dev.runway.record.AuditVerifier.Head;
import dev.runway.record.AuditVerifier.Part;
import dev.runway.record.AuditVerifier.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Verify the journal: runway audit verify [--head SEQ:HASH] [--json].",
                "Checks the hash chain, that the journal still holds a head recorded earlier, and that the runs and step",
                "rows listings show are what the journal says, and that each step's stored output is what its end entry",
                "recorded. Prints the head to record for next time."})
final class AuditCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "ACTION", description = "verify")
    String action;

    @Option(names = "--head", paramLabel = "SEQ:HASH",
            description = "A head recorded earlier (from a previous verify): the journal must still hold exactly that entry.")
    String head;

    @Option(names = "--json", description = "Print the verdict as one JSON object: ok, entries, head {seq, hash}, problem.")
    boolean json;

    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    int execute(Workspace ws) {
        if (!"verify".equals(action)) throw new UsageError("unknown audit action \"" + action + "\" (use: runway audit verify)");
        Head recorded = recordedHead();
        // A recorded head says there was a journal: a home without one has lost it, not "no runs yet".
        AuditSnapshot snapshot = recorded != null && !ws.hasStore() ? AuditSnapshot.EMPTY : ws.store().auditSnapshot();
        Result result = AuditVerifier.verify(snapshot, recorded);
        if (json) {
            out().println(Json.write(result.document()));
        } else if (!result.chainIntact()) {
            out().println("audit chain BROKEN at entry " + result.brokenAt() + ": " + result.problem());
        } else {
            out().println("audit chain intact: " + result.entries() + " entries verified in " + ws.home());
            if (result.broken() == Part.READ_MODEL) {
                out().println("read model BROKEN: " + result.problem());
            } else {
                out().println("read model matches the journal");
                out().println(result.ok() ? "head " + result.head() : "step output BROKEN: " + result.problem());
            }
        }
        return result.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private Head recordedHead() {
        if (head == null) return null;
        try {
            return Head.parse(head);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--head: " + e.getMessage());
        }
    }

}
