package dev.runway.cli;

import dev.runway.plan.ObserveCheck;
import dev.runway.runbook.Diagnostic;
import dev.runway.runbook.Runbook;
import dev.runway.runbook.RunbookLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Check runbooks; errors as FILE:LINE:COL: message (exit 2), warnings do not fail.")
final class LintCommand extends BaseCommand {

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Option(names = "--json", description = "Print {\"files\": [{\"file\", \"diagnostics\": [...]}], \"errors\", \"warnings\"} instead.")
    boolean json;

    @Override
    int execute(Workspace ws) {
        int errors = 0;
        int warnings = 0;
        List<Map<String, Object>> reports = new ArrayList<>();
        for (Path file : files) {
            Runbook rb = RunbookLoader.load(file);
            List<Diagnostic> found = new ArrayList<>(rb.diagnostics());
            if (!rb.hasErrors()) found.addAll(ObserveCheck.lint(rb));
            for (Diagnostic d : found) {
                if (!json) out().println(d.format());
                if (d.isError()) errors++; else warnings++;
            }
            reports.add(report(file.toString(), found));
        }
        if (json) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("files", reports);
            all.put("errors", errors);
            all.put("warnings", warnings);
            out().println(Json.write(all));
        }
        err().println(files.size() + " file" + (files.size() == 1 ? "" : "s") + ": " + errors + " error"
                + (errors == 1 ? "" : "s") + ", " + warnings + " warning" + (warnings == 1 ? "" : "s"));
        return errors > 0 ? ExitCodes.INVALID : ExitCodes.OK;
    }

    private static Map<String, Object> report(String file, List<Diagnostic> found) {
        List<Map<String, Object>> diagnostics = new ArrayList<>();
        for (Diagnostic d : found) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("severity", d.severity().name().toLowerCase(Locale.ROOT));
            row.put("code", d.code());
            row.put("line", d.line());
            row.put("column", d.column());
            row.put("message", d.message());
            diagnostics.add(row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("diagnostics", diagnostics);
        return m;
    }
}
