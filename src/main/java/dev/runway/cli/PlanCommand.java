package dev.runway.cli;

import dev.runway.plan.BindResult;
import dev.runway.plan.Binder;
import dev.runway.plan.ObserveCheck;
import dev.runway.plan.Plan;
import dev.runway.runbook.Diagnostic;
import dev.runway.runbook.Runbook;
import java.nio.file.Path;
import java.util.List;
import dev.runway.runbook.RunbookLoader;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show exactly how a runbook will run: every step, its kind, line, command (as the shell receives it, with the values it reads) and policy.")
final class PlanCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Bind a variable (repeatable).")
    List<String> vars;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Override
    int execute(Workspace ws) {
        Runbook rb = RunbookLoader.load(file);
        if (rb.hasErrors()) return invalid(rb.diagnostics().stream().filter(Diagnostic::isError).toList(), json);
        // The same checks as lint and run: a plan that looks fine must not be refused when it runs.
        List<Diagnostic> watching = ObserveCheck.lint(rb);
        if (!watching.isEmpty()) return invalid(watching, json);
        Map<String, String> given = VarOptions.parse(vars);
        BindResult bound = Binder.bind(rb, given, System.getenv(), false);
        // Values given on the command line must be right even for a preview.
        List<Diagnostic> problems = given.isEmpty() ? List.of() : Binder.bind(rb, given, System.getenv(), true).errors()
                .stream().filter(d -> !d.code().equals("missing-variable") && !d.code().equals("missing-secret")).toList();
        if (!problems.isEmpty()) return invalid(problems, json);
        Plan plan = bound.plan();
        if (json) {
            out().println(Json.write(PlanJson.of(plan)));
        } else {
            new PlanText(out()).print(plan);
        }
        return ExitCodes.OK;
    }
}
