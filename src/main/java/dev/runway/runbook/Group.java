package dev.runway.runbook;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Node;

/**
 * The blocks under one {@code ###} heading (or a {@code ##} section's own blocks) and the drafts
 * made from them. Drafts and prose also go to the document-wide lists, in document order.
 */
final class Group {
    final SectionDraft section;
    final String heading;
    final int line;
    final List<Node> blocks = new ArrayList<>();
    final List<Draft> made = new ArrayList<>();
    final List<String> pendingNotes = new ArrayList<>();
    final List<Policy> policies = new ArrayList<>();
    /** The group's one shell step: later shell blocks of the group append to its script. */
    Draft shell;
    private final List<Draft> drafts;
    private final List<Prose> prose;

    /** A policy-only directive, applied to the group's commands once the group is complete. */
    record Policy(Draft.Directive directive, int line, int column) {}

    Group(SectionDraft section, String heading, int line, List<Draft> drafts, List<Prose> prose) {
        this.section = section;
        this.heading = heading;
        this.line = line;
        this.drafts = drafts;
        this.prose = prose;
    }

    String name() {
        return heading != null ? heading : section.title;
    }

    boolean rollback() {
        return section.role == Section.Role.ROLLBACK;
    }

    Draft add(String title, Node at, Action action) {
        return add(title, MarkdownText.line(at), MarkdownText.column(at), MarkdownText.lastLine(at), action);
    }

    Draft add(String title, int line, int column, int toLine, Action action) {
        Draft d = new Draft(this, Slugs.id(name()), section.title, rollback(), title, line, column, action);
        d.toLine = toLine;
        d.heading = name();
        d.headingLine = this.line;
        d.notes.addAll(pendingNotes);
        pendingNotes.clear();
        made.add(d);
        drafts.add(d);
        return d;
    }

    /** Text a person reads: a note on the next step, and prose for lint. */
    void note(String text, Node at) {
        if (!text.isBlank()) {
            pendingNotes.add(text);
            prose(text, MarkdownText.line(at), MarkdownText.column(at));
        }
    }

    void prose(String text, int line, int column) {
        prose.add(new Prose(this, text, line, column));
    }
}
