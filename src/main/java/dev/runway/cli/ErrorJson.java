package dev.runway.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command asked for {@code --json} prints on stdout when it fails, so a pipeline that
 * parses stdout gets an answer, not an empty string: {@code {"error": {"exit": 2, "message": …}}}.
 * The message also goes to stderr as without {@code --json}.
 */
public final class ErrorJson {

    private ErrorJson() {}

    /** Whether the command line asks for JSON output. */
    public static boolean wanted(String[] args) {
        return List.of(args).contains("--json");
    }

    /** The runbook's or the variables' problems, each with its place, as {@code lint} reports them. */
    static String of(int exit, List<dev.runway.runbook.Diagnostic> problems) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("exit", exit);
        error.put("message", problems.isEmpty() ? "invalid input" : problems.get(0).format());
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (var d : problems) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("file", d.file());
            row.put("line", d.line());
            row.put("column", d.column());
            row.put("message", d.message());
            rows.add(row);
        }
        error.put("diagnostics", rows);
        return Json.write(Map.of("error", error));
    }

    public static String of(int exit, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("exit", exit);
        error.put("message", message);
        return Json.write(Map.of("error", error));
    }
}
