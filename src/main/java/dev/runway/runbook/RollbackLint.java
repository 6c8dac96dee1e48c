package dev.runway.runbook;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Warns where a runbook asks to roll back but has no rollback steps to run: an
 * {@code on_failure: rollback} (a directive's or the front matter's), a Critical smoke check
 * (which rolls back unless it says otherwise) and front matter {@code triggers:}. Each warning
 * is at the line that asks, because that is where the author decides what should happen.
 */
final class RollbackLint {
    private final Problems problems;
    private final FrontMatter front;
    private final DocumentHead head;

    RollbackLint(Problems problems, FrontMatter front, DocumentHead head) {
        this.problems = problems;
        this.front = front;
        this.head = head;
    }

    void run(List<Draft> drafts, List<Section> sections) {
        if (drafts.stream().anyMatch(d -> d.rollback)) return;
        String but = sections.stream().filter(s -> s.role() == Section.Role.ROLLBACK).findFirst()
                .map(s -> ", but its rollback section \"" + s.title() + "\" has no steps")
                .orElse(", but the runbook has no rollback section");
        Position fallback = head.frontKeys().get("on_failure");
        if (front.onFailure() == StepPolicy.OnFailure.ROLLBACK && fallback != null) {
            warn(fallback, "front matter on_failure: rollback asks to roll back when a step fails" + but);
        }
        Set<Position> warned = new HashSet<>();
        for (Draft d : drafts) {
            if (d.onFailure == StepPolicy.OnFailure.ROLLBACK && d.onFailureAt != null && warned.add(d.onFailureAt)) {
                warn(d.onFailureAt, "on_failure: rollback asks to roll back when \"" + d.title + "\" fails" + but);
            }
            if (d.onFailure == null && d.action instanceof Action.Http h && "critical".equals(h.severity())) {
                warn(new Position(d.line, d.column), "critical smoke check \"" + d.title + "\" asks to roll back when it fails" + but);
            }
        }
        Position triggers = head.frontKeys().get("triggers");
        if (triggers != null && front.extra().get("triggers") instanceof List<?> list && !list.isEmpty()) {
            warn(triggers, "triggers ask to roll back when one fires" + but);
        }
    }

    private void warn(Position at, String message) {
        problems.warn("rollback-without-steps", at.line(), at.column(), message);
    }
}
