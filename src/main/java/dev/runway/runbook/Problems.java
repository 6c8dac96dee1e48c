package dev.runway.runbook;

import java.util.ArrayList;
import java.util.List;

/** Collects the diagnostics of one file; parsing never stops at the first problem. */
final class Problems {
    private final String file;
    private final List<Diagnostic> all = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void error(String code, int line, int column, String message) {
        all.add(new Diagnostic(Diagnostic.Severity.ERROR, code, file, line, column, message));
    }

    void warn(String code, int line, int column, String message) {
        all.add(new Diagnostic(Diagnostic.Severity.WARNING, code, file, line, column, message));
    }

    String file() {
        return file;
    }

    /** Whether a problem is reported anywhere on lines {@code from} to {@code to}. */
    boolean anyOnLines(int from, int to) {
        return all.stream().anyMatch(d -> d.line() >= from && d.line() <= to);
    }

    /** Sorted by position so the CLI prints them in reading order; stable for equal positions. */
    List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(all);
        copy.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
                : Integer.compare(a.column(), b.column()));
        return List.copyOf(copy);
    }
}
