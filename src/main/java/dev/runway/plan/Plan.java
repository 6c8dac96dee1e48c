package dev.runway.plan;

import dev.runway.runbook.FrontMatter;
import dev.runway.runbook.Runbook;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A runbook with its variables bound: exactly what a run will execute. Forward steps run in
 * order; rollback steps run only when the run rolls back.
 *
 * <p>Immutable; the views the engine asks for at every move (forward and rollback order, a step
 * by id, where production starts) are computed once, so a move costs the same at step 1 and at
 * step 1,000.
 */
public final class Plan {

    private final Runbook runbook;
    private final Bindings bindings;
    private final List<PlannedStep> steps;
    private final List<PlannedStep> forward;
    private final List<PlannedStep> rollback;
    private final Map<String, PlannedStep> byId = new HashMap<>();
    private final Map<String, PlannedStep> following = new HashMap<>();
    private final PlannedStep productionStart;

    public Plan(Runbook runbook, Bindings bindings, List<PlannedStep> steps) {
        this.runbook = Objects.requireNonNull(runbook, "runbook");
        this.bindings = Objects.requireNonNull(bindings, "bindings");
        this.steps = List.copyOf(steps);
        this.forward = this.steps.stream().filter(s -> !s.step().rollback()).toList();
        this.rollback = this.steps.stream().filter(s -> s.step().rollback()).toList();
        for (PlannedStep s : this.steps) byId.putIfAbsent(s.step().id(), s);
        for (List<PlannedStep> order : List.of(forward, rollback)) {
            for (int i = 0; i + 1 < order.size(); i++) following.putIfAbsent(order.get(i).id(), order.get(i + 1));
        }
        this.productionStart = findProductionStart(runbook.front(), forward);
    }

    public Runbook runbook() { return runbook; }

    /**
     * The runbook's title with its variables bound (secrets masked), as a run of it is called;
     * null when it has none. The runbook's name stays unbound: it keys the lock and the history
     * of every run of the runbook, whatever version each ships.
     */
    public String title() { return runbook.title() == null ? null : bindings.display(runbook.title()); }

    public Bindings bindings() { return bindings; }
    public List<PlannedStep> steps() { return steps; }
    public List<PlannedStep> forward() { return forward; }
    public List<PlannedStep> rollback() { return rollback; }

    public PlannedStep step(String id) {
        PlannedStep s = byId.get(id);
        if (s == null) throw new IllegalArgumentException("no step \"" + id + "\" in " + runbook.file());
        return s;
    }

    /** The step after {@code id} in its own order (forward or rollback), or null after the last. */
    public PlannedStep after(String id) {
        return following.get(id);
    }

    /**
     * The forward step from which production changes start: the first of the section named by
     * {@code production_from}, else of the first section whose title mentions production, else
     * the first step; null when there are no forward steps.
     */
    public PlannedStep productionStart() {
        return productionStart;
    }

    private static PlannedStep findProductionStart(FrontMatter front, List<PlannedStep> forward) {
        String wanted = front.productionFrom();
        for (PlannedStep p : forward) {
            String section = p.step().section();
            boolean match = wanted != null
                    ? section.equalsIgnoreCase(wanted.strip())
                    : section.toLowerCase(Locale.ROOT).contains("production");
            if (match) return p;
        }
        return forward.isEmpty() ? null : forward.get(0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Plan p && runbook.equals(p.runbook) && bindings.equals(p.bindings) && steps.equals(p.steps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(runbook, bindings, steps);
    }

    @Override
    public String toString() {
        return "Plan[" + runbook.file() + ", " + steps.size() + " steps]";
    }
}
