package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runway lint} through the real binary. */
class LintIT {

    @TempDir Path dir;

    @Test
    void lint_json_lists_each_files_diagnostics_and_the_totals_with_the_usual_exit_code() throws IOException {
        Files.writeString(dir.resolve("ok.md"), "# T\n\n## S\n\n```bash\necho hi\n```\n");
        Files.writeString(dir.resolve("bad.md"), "---\nvars:\n  v: {}\n  spare: {}\n---\n# T\n\n## S\n\n```bash\necho {v} {nope}\n```\n");
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);

        RunwayProcess.Result both = runway.run("lint", "--json", "ok.md", "bad.md");
        RunwayProcess.Result clean = runway.run("lint", "--json", "ok.md");

        assertThat(both.exit()).as(both.toString()).isEqualTo(2);
        assertThat(both.json()).isEqualTo(new ObjectMapper().readTree("""
                {"files": [
                  {"file": "ok.md", "diagnostics": []},
                  {"file": "bad.md", "diagnostics": [
                    {"severity": "warning", "code": "unused-variable", "line": 4, "column": 3,
                     "message": "variable \\"spare\\" is declared but never used"},
                    {"severity": "error", "code": "undeclared-variable", "line": 11, "column": 10,
                     "message": "step \\"s\\" uses undeclared variable \\"nope\\""}]}],
                 "errors": 1, "warnings": 1}"""));
        assertThat(both.stderr().strip()).isEqualTo("2 files: 1 error, 1 warning");
        assertThat(clean.exit()).as(clean.toString()).isZero();
        JsonNode totals = clean.json();
        assertThat(totals.get("errors").asInt()).isZero();
        assertThat(totals.get("warnings").asInt()).isZero();
    }
}
