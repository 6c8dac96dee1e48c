package dev.runway.cli;

import dev.runway.plan.ObserveCheck;
import dev.runway.runbook.Diagnostic;
import dev.runway.runbook.Runbook;
import dev.runway.runbook.RunbookLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Check runbooks; errors as FILE:LINE:COL: message (exit 2), warnings do not fail.")
final class LintCommand extends BaseCommand {

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Override
    int execute(Workspace ws) {
        int errors = 0;
        int warnings = 0;
        for (Path file : files) {
            Runbook rb = RunbookLoader.load(file);
            List<Diagnostic> found = new ArrayList<>(rb.diagnostics());
            if (!rb.hasErrors()) found.addAll(ObserveCheck.lint(rb));
            for (Diagnostic d : found) {
                out().println(d.format());
                if (d.isError()) errors++; else warnings++;
            }
        }
        err().println(files.size() + " file" + (files.size() == 1 ? "" : "s") + ": " + errors + " error"
                + (errors == 1 ? "" : "s") + ", " + warnings + " warning" + (warnings == 1 ? "" : "s"));
        return errors > 0 ? ExitCodes.INVALID : ExitCodes.OK;
    }
}
