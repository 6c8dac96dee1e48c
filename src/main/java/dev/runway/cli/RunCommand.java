package dev.runway.cli;

import dev.runway.access.Identity;
import dev.runway.access.Permission;
import dev.runway.engine.JournalStore.LockedException;
import dev.runway.engine.RunEvent.RunStarted;
import dev.runway.engine.RunStarts;
import dev.runway.plan.BindResult;
import dev.runway.plan.Binder;
import dev.runway.runbook.Diagnostic;
import dev.runway.runbook.Runbook;
import dev.runway.runbook.RunbookLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a runbook.")
final class RunCommand extends BaseCommand implements BaseCommand.Remote {


    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Bind a variable (repeatable).")
    List<String> vars;

    @Option(names = "--as", paramLabel = "USER", description = "Act as this person (default: the OS user).")
    String as;

    @Option(names = "--no-wait", description = "Exit with code 4 instead of waiting when the run needs a person.")
    boolean noWait;

    @Option(names = "--confirm-manual", description = "Confirm manual tasks on the initiator's behalf (recorded as such; never passes a gate).")
    boolean confirmManual;

    @Option(names = "--json", description = "Print the outcome as one JSON object.")
    boolean json;

    /**
     * Starts the runbook the server knows by this name (in its runbooks directory) and follows
     * the run as a local run would be followed; the server drives it.
     */
    @Override
    public int remote(ServerClient server) throws InterruptedException {
        refuseAs(as);
        if (confirmManual) throw new UsageError("--confirm-manual does not apply with --server; confirm with runway confirm RUN");
        String name = file.toString().replace('\\', '/');
        if (file.isAbsolute() || name.startsWith("~") || java.util.Arrays.asList(name.split("/")).stream().anyMatch(s -> s.equals(".") || s.equals(".."))) {
            throw new UsageError("with --server, name a runbook in the server's runbooks directory (e.g. release.md), not a path: " + file);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runbook", name);
        body.put("vars", VarOptions.parse(vars));
        String runId = server.post("/api/runs", body).path("run").asText();
        if (!json) err().println("run " + runId + " started on " + server.base());
        return RemoteRun.follow(server, runId, noWait, json, out(), err());
    }

    @Override
    int execute(Workspace ws) {
        Runbook rb = RunbookLoader.load(file);
        if (rb.hasErrors()) return invalid(rb.diagnostics().stream().filter(Diagnostic::isError).toList(), json);
        BindResult bound = Binder.bind(rb, VarOptions.parse(vars), System.getenv(), true);
        if (!bound.ok()) return invalid(bound.errors(), json);
        Identity who = ws.identity(as);
        // Once users.yaml lists people, starting needs a role that may start, and --confirm-manual
        // a role that may confirm: it would otherwise confirm tasks that `runway confirm` refuses them.
        var users = dev.runway.access.LocalUsers.load(ws.home());
        users.refusal(who, Permission.START, "start a run").ifPresent(r -> { throw new UsageError(r); });
        if (confirmManual) {
            users.refusal(who, Permission.OPERATE, "confirm manual tasks (--confirm-manual)").ifPresent(r -> { throw new UsageError(r); });
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (confirmManual) options.put("confirm-manual", "true");
        // Stored with its absolute path: steps run in the runbook's directory, also on resume.
        String absolute = file.toAbsolutePath().normalize().toString();
        Runbook stored = rb.withFile(absolute);
        RunStarted started = RunStarts.event(stored, bound.plan(), who.name(), options);
        String runId = RunStarts.newRunId(ws.clock());
        // Bound again from what the run stores, as resume will bind it.
        var plan = ws.planOf(started, stored);
        try {
            ws.engine().start(runId, RunStarts.lockKey(started), started, plan);
        } catch (LockedException locked) {
            throw new UsageError(locked.getMessage());
        }
        return RunSession.drive(ws, runId, plan, noWait, json, out(), err());
    }




}
