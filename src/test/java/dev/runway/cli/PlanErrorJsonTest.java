package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runway.app.InProcessRunway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan --json that cannot plan answers on stdout too, as run --json does: a pipeline reading stdout gets the error. */
class PlanErrorJsonTest {

    @TempDir Path dir;

    private InProcessRunway.Result plan(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "plan";
        System.arraycopy(args, 0, all, 1, args.length);
        return new InProcessRunway(dir.resolve("home"), Clock.systemUTC()).run(all);
    }

    private static JsonNode error(InProcessRunway.Result r) throws Exception {
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        return new ObjectMapper().readTree(r.stdout()).get("error");
    }

    @Test
    void a_missing_file_is_a_json_error_with_its_diagnostic() throws Exception {
        String missing = dir.resolve("nosuch.md").toString();
        InProcessRunway.Result r = plan(missing, "--json");

        JsonNode error = error(r);
        assertThat(error.get("message").asText()).isEqualTo(missing + ":1:1: error: file not found");
        assertThat(error.get("diagnostics").get(0).get("message").asText()).isEqualTo("file not found");
        assertThat(r.stderr()).contains(missing + ":1:1: error: file not found");
    }

    @Test
    void broken_front_matter_and_a_value_failing_its_pattern_are_json_errors() throws Exception {
        Path bad = dir.resolve("bad.md");
        Files.writeString(bad, "---\nvars: [\n---\n# T\n");
        assertThat(error(plan(bad.toString(), "--json")).get("diagnostics").get(0).get("line").asInt()).isEqualTo(2);

        Path versioned = dir.resolve("v.md");
        Files.writeString(versioned, "---\nvars:\n  version: { required: true, pattern: '^\\d+$' }\n---\n# T\n## S\n```bash\necho {version}\n```\n");
        JsonNode error = error(plan(versioned.toString(), "--var", "version=bad", "--json"));
        assertThat(error.get("message").asText()).contains("version").contains("pattern");
    }

    @Test
    void without_json_stdout_stays_empty() {
        InProcessRunway.Result r = plan(dir.resolve("nosuch.md").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stdout()).isEmpty();
    }
}
