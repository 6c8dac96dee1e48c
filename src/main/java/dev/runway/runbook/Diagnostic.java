package dev.runway.runbook;

/**
 * A problem found in a runbook, located at file:line:column. Problems are values, collected
 * in full rather than thrown, so one lint pass reports everything.
 *
 * <p>{@code new Diagnostic(Severity.ERROR, "undeclared-variable", "deploy.md", 42, 7,
 * "step \"migrate\" uses undeclared variable \"db_url\"")}
 */
public record Diagnostic(Severity severity, String code, String file, int line, int column, String message) {

    public enum Severity { ERROR, WARNING }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The form editors and CI annotate: {@code FILE:LINE:COL: error: message}. */
    public String format() {
        return file + ":" + line + ":" + column + ": " + severity.name().toLowerCase() + ": " + message;
    }
}
