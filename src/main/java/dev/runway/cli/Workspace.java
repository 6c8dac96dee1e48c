package dev.runway.cli;

import dev.runway.access.Identity;
import dev.runway.access.LocalUsers;
import dev.runway.access.Permission;
import dev.runway.engine.Engine;
import dev.runway.engine.Interventions;
import dev.runway.engine.JournalStore;
import dev.runway.engine.RunEvent.RunStarted;
import dev.runway.engine.RunStarts;
import dev.runway.engine.RunState;
import dev.runway.engine.StepExecutors;
import dev.runway.plan.BindResult;
import dev.runway.plan.Plan;
import dev.runway.runbook.Diagnostic;
import dev.runway.runbook.Runbook;
import dev.runway.store.SqliteJournalStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One CLI invocation's view of {@code RUNWAY_HOME}: the store (opened on first use, so
 * {@code lint} and {@code plan} never touch it), the engine and the people who act. A reading
 * workspace ({@link #reading}) never creates the store: in a home without one, there are no runs yet.
 */
final class Workspace implements AutoCloseable {

    private final Path home;
    private final Clock clock;
    private final boolean creates;
    private JournalStore store;

    Workspace(Path home, Clock clock) {
        this(home, clock, true);
    }

    private Workspace(Path home, Clock clock, boolean creates) {
        this.home = home;
        this.clock = clock;
        this.creates = creates;
    }

    /** For commands that only read: asking a home without a database for its store is "no runs yet", and creates nothing. */
    static Workspace reading(Path home, Clock clock) {
        return new Workspace(home, clock, false);
    }

    Path home() {
        return home;
    }

    Clock clock() {
        return clock;
    }

    JournalStore store() {
        if (store == null) {
            store = creates ? new SqliteJournalStore(home)
                    : SqliteJournalStore.existing(home).orElseThrow(() -> new UsageError(noRuns()));
        }
        return store;
    }

    /** Whether the home has a database (a workspace that creates one always will). */
    boolean hasStore() {
        return creates || store != null || SqliteJournalStore.existsIn(home);
    }

    String noRuns() {
        return "no runs yet in " + home;
    }

    Engine engine() {
        return new Engine(store(), clock, StepExecutors.standard(clock));
    }

    Interventions interventions() {
        return new Interventions(store(), clock, state -> planOf(state.start(), false));
    }

    /**
     * The OS user, or the name --as gives. An empty or padded name is refused, not read as the OS
     * user or as someone else: {@code --as "$APPROVER"} with the variable unset would approve as
     * whoever runs the job, and "alice " would pass alice's own not_initiator gate.
     */
    static String personNamed(String as) {
        if (as == null) return System.getProperty("user.name", "unknown");
        if (!Identity.NAME.matcher(as).matches()) {
            throw new UsageError("--as " + (as.isEmpty() ? "was given an empty name" : "\"" + as + "\" is not a name")
                    + ": a name is " + Identity.NAME_RULE);
        }
        return as;
    }

    Identity identity(String as) {
        String name = personNamed(as);
        return LocalUsers.load(home).identity(name);
    }

    /**
     * The person acting on run {@code runId}, if {@code users.yaml} lets them do it: a refusal is
     * journaled (an audit event of the run, as the server's are) and ends the command with exit 2.
     */
    Identity actor(String as, Permission permission, String action, String runId) {
        String name = personNamed(as);
        LocalUsers users = LocalUsers.load(home);
        Identity who = users.identity(name);
        var refusal = users.refusal(who, permission, action);
        if (refusal.isPresent()) {
            interventions().recordDenial(runId, who, action, refusal.get());
            throw new UsageError(refusal.get());
        }
        return who;
    }

    /** A run's runbook exactly as it started, bound again; {@code strict} also reads its secrets. */
    Plan planOf(RunStarted started, boolean strict) {
        return checked(RunStarts.rebind(started, System.getenv(), strict), strict);
    }

    /** Run {@code runId}'s plan, rebound from its start entry alone: the rest of a long run's journal is not read for it. */
    Plan planOf(String runId) {
        var start = store().load(runId, java.util.Set.of(RUN_STARTED)).getFirst().event();
        return planOf((RunStarted) start, false);
    }

    private static final String RUN_STARTED = new RunStarted(null, null, null, null, null, null, null, null, null, null).type();

    /** The same for a run being created from {@code runbook}, parsed from the very file and text it stores. */
    Plan planOf(RunStarted started, Runbook runbook) {
        return checked(RunStarts.rebind(started, runbook, System.getenv(), true), true);
    }

    private static Plan checked(BindResult bound, boolean strict) {
        if (strict && !bound.ok()) {
            throw new UsageError(bound.errors().stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
        }
        return bound.plan();
    }

    String resolveRun(String idOrPrefix) {
        if (idOrPrefix == null || idOrPrefix.isBlank()) {
            return store().list(1).stream().findFirst().map(r -> r.id())
                    .orElseThrow(() -> new UsageError(noRuns()));
        }
        List<String> ids = store().findRunIds(idOrPrefix);
        if (ids.contains(idOrPrefix)) return idOrPrefix;
        if (ids.isEmpty()) throw new UsageError("no run " + idOrPrefix + " in " + home);
        if (ids.size() > 1) throw new UsageError("run prefix " + idOrPrefix + " is ambiguous: " + String.join(", ", ids));
        return ids.get(0);
    }

    dev.runway.engine.RunSummary summary(String runId) {
        return store().summary(runId).orElseThrow(() -> new UsageError("no run " + runId + " in " + home));
    }

    RunState state(String runId) {
        return RunState.fold(runId, store().load(runId));
    }

    @Override
    public void close() {
        if (store != null) store.close();
    }
}
