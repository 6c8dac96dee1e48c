package dev.runway.record;

import dev.runway.engine.JournalStore.ChainedEntry;
import dev.runway.engine.JournalStore.ReadModel;
import dev.runway.engine.RunEvent.RunStarted;
import dev.runway.engine.RunSnapshot.StepListing;
import dev.runway.engine.RunSnapshot.StepOutline;
import dev.runway.engine.RunSnapshot.StepRow;
import dev.runway.engine.RunStarts;
import dev.runway.engine.RunState;
import dev.runway.engine.RunSummary;
import dev.runway.engine.StoredEvent;
import dev.runway.plan.Plan;
import dev.runway.store.EventCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The read model ({@code runs}, {@code run_steps}) is what {@code status}, {@code history} and
 * the server list, and no hash covers it: an edited status or initiator there would be believed.
 * It must equal what folding each run's journal gives ({@link RunState}), column by column, and
 * no row may stand without a journal behind it. The first difference is the problem reported.
 */
final class ReadModelCheck {

    private ReadModelCheck() {}

    /** A column and its two values: as stored, and as the journal gives it. */
    private record Column(String name, Object stored, Object journal) {}

    static Optional<String> firstProblem(List<ChainedEntry> chain, ReadModel model) {
        Map<String, List<ChainedEntry>> journals = new LinkedHashMap<>();
        for (ChainedEntry e : chain) {
            if (e.runId() != null) journals.computeIfAbsent(e.runId(), id -> new ArrayList<>()).add(e);
        }
        Map<String, RunSummary> rows = new HashMap<>();
        for (RunSummary r : model.runs()) rows.put(r.id(), r);
        Map<List<Object>, List<StepOutline>> outlines = new HashMap<>();
        for (var journal : journals.entrySet()) {
            String runId = journal.getKey();
            RunSummary row = rows.get(runId);
            if (row == null) {
                return Optional.of("run " + runId + " has " + journal.getValue().size() + " journal entries but no row in runs (deleted?)");
            }
            Optional<String> problem = runProblem(row, journal.getValue(), model.steps().getOrDefault(runId, List.of()), outlines);
            if (problem.isPresent()) return problem;
        }
        for (RunSummary r : model.runs()) {
            if (!journals.containsKey(r.id())) return Optional.of("run " + r.id() + " has a row in runs but no journal entries (forged?)");
        }
        for (String runId : model.steps().keySet()) {
            if (!journals.containsKey(runId)) return Optional.of("run " + runId + " has rows in run_steps but no journal entries (forged?)");
        }
        return Optional.empty();
    }

    private static Optional<String> runProblem(RunSummary row, List<ChainedEntry> entries, List<StepListing> stored,
                                               Map<List<Object>, List<StepOutline>> outlines) {
        String runId = row.id();
        RunState state;
        List<StepOutline> plan;
        try {
            state = fold(runId, entries);
            RunStarted start = state.start();
            if (start == null) return Optional.of("run " + runId + ": its journal does not begin with run.started");
            // Runs of one runbook with the same variables have the same steps: parse it once.
            plan = outlines.computeIfAbsent(List.of(start.source(), start.vars()), k -> outline(start));
        } catch (RuntimeException e) {
            return Optional.of("run " + runId + ": its journal cannot be read back: " + e.getMessage());
        }
        Optional<String> runRow = firstDifference("run " + runId + ": runs.", runColumns(row, state));
        if (runRow.isPresent()) return runRow;
        return stepsProblem(runId, state, plan, stored);
    }

    private static RunState fold(String runId, List<ChainedEntry> entries) {
        List<StoredEvent> events = new ArrayList<>(entries.size());
        for (ChainedEntry e : entries) {
            events.add(new StoredEvent(e.seq(), runId, e.runSeq(), Instant.parse(e.at()), e.actor(), EventCodec.decode(e.type(), e.payload())));
        }
        return RunState.fold(runId, events);
    }

    private static List<StepOutline> outline(RunStarted start) {
        Plan plan = RunStarts.rebind(start, Map.of(), false).plan();
        if (plan == null) throw new IllegalStateException("its runbook no longer makes a plan");
        return RunStarts.outline(plan);
    }

    private static List<Column> runColumns(RunSummary row, RunState state) {
        RunStarted start = state.start();
        var awaiting = state.awaiting();
        var stored = row.awaiting();
        // Outcome and people first: they are what a forger changes.
        return List.of(
                new Column("status", row.status(), state.status()),
                new Column("phase", row.phase(), state.phase()),
                new Column("initiator", row.initiator(), start.initiator()),
                new Column("runbook", row.runbook(), start.runbook()),
                new Column("environment", row.environment(), start.environment()),
                new Column("title", row.title(), start.title()),
                new Column("file", row.file(), start.file()),
                new Column("vars", row.vars(), start.vars()),
                new Column("created_at", row.createdAt(), state.startedAt()),
                new Column("updated_at", row.updatedAt(), state.updatedAt()),
                new Column("last_seq", row.lastRunSeq(), state.lastRunSeq()),
                new Column("finished_at", row.finishedAt(), state.finishedAt()),
                new Column("reason", row.reason(), state.finishReason()),
                new Column("awaiting_step", stored == null ? null : stored.step(), awaiting == null ? null : awaiting.step()),
                new Column("awaiting_kind", stored == null ? null : stored.kind(), awaiting == null ? null : awaiting.await()),
                new Column("awaiting_reason", stored == null ? null : stored.reason(), awaiting == null ? null : awaiting.reason()),
                new Column("awaiting_until", stored == null ? null : stored.until(), awaiting == null ? null : awaiting.until()),
                new Column("awaiting_approvals", stored == null ? null : stored.approvalsNeeded(),
                        awaiting == null ? null : awaiting.approvalsNeeded()));
    }

    /** The rows in plan order, one per step of the plan the journal's runbook makes, each as the fold gives it. */
    private static Optional<String> stepsProblem(String runId, RunState state, List<StepOutline> plan, List<StepListing> stored) {
        List<String> planned = plan.stream().map(StepOutline::id).toList();
        for (int i = 0; i < Math.max(plan.size(), stored.size()); i++) {
            if (i < stored.size() && !planned.contains(stored.get(i).outline().id())) {
                return Optional.of("run " + runId + ": run_steps has a row for step \"" + stored.get(i).outline().id()
                        + "\", which the plan of its journal does not have (forged?)");
            }
            if (i >= stored.size()) {
                return Optional.of("run " + runId + ": step \"" + planned.get(i) + "\" of its plan has no row in run_steps (deleted?)");
            }
            StepListing row = stored.get(i);
            StepOutline step = plan.get(i);
            if (!row.outline().id().equals(step.id())) {
                return Optional.of("run " + runId + ": run_steps lists step \"" + row.outline().id() + "\" where its plan has \""
                        + step.id() + "\" (reordered?)");
            }
            Optional<String> problem = firstDifference("run " + runId + ", step \"" + step.id() + "\": run_steps.",
                    stepColumns(row, step, state.stepRow(step.id())));
            if (problem.isPresent()) return problem;
        }
        return Optional.empty();
    }

    private static List<Column> stepColumns(StepListing stored, StepOutline step, StepRow journal) {
        StepRow row = stored.row();
        return List.of(
                new Column("kind", stored.outline().kind(), step.kind()),
                new Column("rollback", stored.outline().rollback(), step.rollback()),
                new Column("status", row.status(), journal.status()),
                new Column("attempt", row.attempt(), journal.attempt()),
                new Column("started_at", row.startedAt(), journal.startedAt()),
                new Column("finished_at", row.finishedAt(), journal.finishedAt()),
                new Column("detail", row.detail(), journal.detail()),
                new Column("approvers", row.approvers(), journal.approvers()),
                new Column("confirmed_by", row.confirmedBy(), journal.confirmedBy()));
    }

    private static Optional<String> firstDifference(String where, List<Column> columns) {
        for (Column c : columns) {
            if (!Objects.equals(c.stored(), c.journal())) {
                return Optional.of(where + c.name() + " is " + text(c.stored()) + " but its journal says " + text(c.journal())
                        + " (edited outside Runway?)");
            }
        }
        return Optional.empty();
    }

    /** A value as the column holds it: enums by name, times in UTC, NULL for none. */
    private static String text(Object v) {
        if (v == null) return "NULL";
        if (v instanceof Enum<?> e) return "\"" + e.name() + "\"";
        if (v instanceof Number || v instanceof Boolean) return v.toString();
        return "\"" + v + "\"";
    }
}
