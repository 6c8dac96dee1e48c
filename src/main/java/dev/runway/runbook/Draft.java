package dev.runway.runbook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A step while its document is still being read: ids are assigned and policies settled only
 * once the whole document is known ({@link StepAssembler}). Mutable on purpose and never
 * leaves this package.
 */
final class Draft {
    /** Steps of one group share an id base and get -1, -2 … suffixes when there are several. */
    final Object group;
    final String idBase;
    final String section;
    final boolean rollback;
    String title;
    int line;
    int column;
    /** Last source line of the constructs that made this step; variable uses are looked up in line..toLine. */
    int toLine;
    /** The heading (or section) the step's group is named after, its id base the slug of it. */
    String heading;
    /** Line of that heading; the title's variables are written there. */
    int headingLine;
    Action action;
    /**
     * Where a directive wrote the value of its action key ({@code gate: production}); null for an
     * action the document's structure implies, such as a GATE blockquote named after its section.
     */
    Position actionAt;

    String explicitId;
    int idLine;
    int idColumn;
    StepPolicy.OnFailure onFailure;
    /** Where the directive that set {@link #onFailure} says so; null when nothing did. */
    Position onFailureAt;
    Boolean idempotent;
    Duration timeout;
    StepPolicy.Retry retry;
    final List<String> notes = new ArrayList<>();

    Draft(Object group, String idBase, String section, boolean rollback, String title, int line, int column, Action action) {
        this.group = group;
        this.idBase = idBase;
        this.section = section;
        this.rollback = rollback;
        this.title = title;
        this.line = line;
        this.column = column;
        this.toLine = line;
        this.heading = title;
        this.headingLine = line;
        this.action = action;
    }

    /** Policy keys from a directive; later keys win over earlier ones. */
    void apply(Directive d) {
        if (d.onFailure() != null) {
            onFailure = d.onFailure();
            onFailureAt = d.onFailureAt();
        }
        if (d.idempotent() != null) idempotent = d.idempotent();
        if (d.timeout() != null) timeout = d.timeout();
        if (d.retry() != null) retry = d.retry();
    }

    /** A step a directive's action makes: it also takes the directive's policy and id. */
    void take(Directive d) {
        apply(d);
        actionAt = d.actionAt();
        if (d.id() != null) {
            explicitId = d.id();
            idLine = d.idLine();
            idColumn = d.idColumn();
        }
    }

    StepPolicy policy(StepPolicy.OnFailure defaultOnFailure) {
        // DESIGN.md: a failed Critical smoke check rolls back (table row or http directive), unless the step says otherwise.
        boolean critical = !rollback && action instanceof Action.Http h && "critical".equals(h.severity());
        // A rollback step that fails ends the rollback (DESIGN.md: the run ends rollback-failed and
        // escalates) unless its own directive says continue (best effort) or ask (a person decides).
        StepPolicy.OnFailure fallback = rollback ? StepPolicy.OnFailure.ABORT
                : critical ? StepPolicy.OnFailure.ROLLBACK : defaultOnFailure;
        return new StepPolicy(onFailure != null ? onFailure : fallback,
                idempotent != null && idempotent, timeout, retry != null ? retry : StepPolicy.Retry.NONE);
    }

    /**
     * A directive's structured content. {@code action} is null when it only sets policy;
     * {@code actionAt} is where its action key's value is written.
     */
    record Directive(Action action, Position actionAt, String title, String id, int idLine, int idColumn,
                     StepPolicy.OnFailure onFailure, Position onFailureAt, Boolean idempotent, Duration timeout,
                     StepPolicy.Retry retry) {
        boolean hasPolicy() {
            return onFailure != null || idempotent != null || timeout != null || retry != null;
        }
    }
}
