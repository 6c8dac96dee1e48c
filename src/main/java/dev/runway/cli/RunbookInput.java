package dev.runway.cli;

import dev.runway.runbook.Diagnostic;
import dev.runway.runbook.Runbook;
import dev.runway.runbook.RunbookLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a runbook named on the command line; its errors go to stderr as FILE:LINE:COL lines. */
final class RunbookInput {

    private RunbookInput() {}

    /** The runbook, or empty when it has errors (already printed). */
    static Optional<Runbook> load(Path file, PrintStream err) {
        Runbook rb = RunbookLoader.load(file);
        if (!rb.hasErrors()) return Optional.of(rb);
        rb.diagnostics().stream().filter(Diagnostic::isError).forEach(d -> err.println(d.format()));
        return Optional.empty();
    }
}
