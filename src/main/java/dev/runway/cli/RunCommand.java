package dev.runway.cli;

import dev.runway.access.Identity;
import dev.runway.engine.JournalStore.LockedException;
import dev.runway.engine.RunEvent.RunStarted;
import dev.runway.plan.BindResult;
import dev.runway.plan.Binder;
import dev.runway.runbook.Runbook;
import dev.runway.runbook.RunbookLoader;
import dev.runway.store.JournalHash;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a runbook.")
final class RunCommand extends BaseCommand {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

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

    @Override
    int execute(Workspace ws) {
        Optional<Runbook> loaded = RunbookInput.load(file, err());
        if (loaded.isEmpty()) return ExitCodes.INVALID;
        Runbook rb = loaded.get();
        BindResult bound = Binder.bind(rb, VarOptions.parse(vars), System.getenv(), true);
        if (!bound.ok()) {
            bound.errors().forEach(d -> err().println(d.format()));
            return ExitCodes.INVALID;
        }
        Identity who = ws.identity(as);
        Map<String, String> options = new LinkedHashMap<>();
        if (confirmManual) options.put("confirm-manual", "true");
        String absolute = file.toAbsolutePath().normalize().toString();
        Runbook stored = RunbookLoader.parse(absolute, rb.source());
        String name = runbookName(stored);
        String environment = environmentOf(stored);
        RunStarted started = new RunStarted(name, environment, rb.title(), absolute, rb.source(),
                JournalHash.sha256Hex(rb.source()), bound.plan().bindings().values(), rb.front().secrets(), who.name(), options);
        String runId = newRunId(ws);
        var plan = ws.planOf(started, true);
        try {
            ws.engine().start(runId, name + "@" + environment, started, plan);
        } catch (LockedException locked) {
            throw new UsageError(locked.getMessage());
        }
        return RunSession.drive(ws, runId, plan, noWait, json, out(), err());
    }

    private static String newRunId(Workspace ws) {
        String suffix = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        return ID_TIME.format(ws.clock().instant()) + "-" + suffix.substring(0, Math.min(4, suffix.length()));
    }

    static String runbookName(Runbook rb) {
        if (rb.front().name() != null && !rb.front().name().isBlank()) return rb.front().name();
        if (rb.title() != null && !rb.title().isBlank()) return rb.title();
        String f = Path.of(rb.file()).getFileName().toString();
        return f.replaceFirst("\\.[^.]+$", "");
    }

    static String environmentOf(Runbook rb) {
        String env = rb.front().environment();
        return env == null || env.isBlank() ? "default" : env;
    }
}
