package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runway plan} through the real binary: what a reviewer sees before anything runs. */
class PlanIT {

    static final String SECRET = "Kx7Kx7Kx7secret";

    @TempDir Path dir;

    /** A secret in every place a runbook can put one. */
    static final String EVERYWHERE = """
            ---
            vars:
              base_url: { default: 'http://127.0.0.1:18732' }
            secrets: [API_KEY]
            ---
            # Release with {API_KEY}

            ## Deploy

            ### Use the key {API_KEY}

            Remember {API_KEY}.

            ```bash
            curl -s "{base_url}/deploy?key={API_KEY}"
            echo {API_KEY}
            ```

            Expected output:

            ```
            key {API_KEY} accepted
            ```

            - [ ] check `./check.sh --key {API_KEY}`
            - [ ] confirm {API_KEY} was rotated

            ### Ask

            > GATE: may {API_KEY} ship?

            ### Smoke

            ```runway
            http: POST {base_url}/check?key={API_KEY}
            headers: { Authorization: 'Bearer {API_KEY}', X-Key: '{API_KEY}' }
            body: '{"key": "{API_KEY}"}'
            expect: { status: 200, json: { key: '{API_KEY}' }, contains: '{API_KEY}' }
            ```
            """;

    @Test
    void a_secret_value_appears_nowhere_in_the_text_or_json_plan() throws IOException {
        Files.writeString(dir.resolve("f.md"), EVERYWHERE);
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir).withEnv("API_KEY", SECRET);

        RunwayProcess.Result text = runway.run("plan", "f.md");
        RunwayProcess.Result json = runway.run("plan", "f.md", "--json");

        assertThat(text.exit()).as(text.toString()).isZero();
        assertThat(json.exit()).as(json.toString()).isZero();
        assertThat(text.all()).doesNotContain(SECRET).contains(
                "POST http://127.0.0.1:18732/check?key=*** → 200", "header Authorization: Bearer ***",
                "body: {\"key\": \"***\"}", "expects json key = ***", "expects: key *** accepted", "with API_KEY=***");
        assertThat(json.all()).doesNotContain(SECRET);
        assertThat(json.json().get("steps").findValuesAsText("request"))
                .containsExactly("POST http://127.0.0.1:18732/check?key=***");
    }

    @Test
    void plan_refuses_the_bad_rules_and_triggers_that_lint_and_run_refuse_with_the_same_messages() throws IOException {
        Files.writeString(dir.resolve("trig.md"), "---\ntriggers: [\"nonexist.value > 5 for 1m\", \"garbage rule\"]\n---\n"
                + "# T\n\n## S\n\n### Watch\n\n```runway\nobserve: 8s\nrules: [\"x >> 3\"]\n```\n\n## Rollback\n\n```bash\n./undo.sh\n```\n");
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);
        String errors = """
                trig.md:2:1: error: trigger: rule "nonexist.value > 5 for 1m" reads the monitor "nonexist", which front matter monitors: does not declare
                trig.md:2:1: error: trigger: rule "garbage rule" has no comparison (one of > >= < <= == !=) (write e.g. errors > 1% for 2m)
                trig.md:10:1: error: step "watch": rule "x >> 3" has the value ">", which is not a number with an optional %, ms or s (write e.g. errors > 1% for 2m)""";

        RunwayProcess.Result lint = runway.run("lint", "trig.md");
        assertThat(lint.exit()).isEqualTo(2);
        assertThat(lint.stdout().strip()).isEqualTo(errors);
        for (String[] args : new String[][] {{"plan", "trig.md"}, {"plan", "trig.md", "--json"}, {"run", "trig.md", "--no-wait"}}) {
            RunwayProcess.Result r = runway.run(args);
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.stderr().strip()).as(String.join(" ", args)).isEqualTo(errors);
            // With --json the same problems also come on stdout (deliberately changed: plan --json printed nothing there).
            if (List.of(args).contains("--json")) {
                assertThat(r.stdout()).contains("\"message\" : \"" + errors.lines().findFirst().orElseThrow().replace("\"", "\\\"") + "\"");
            } else {
                assertThat(r.stdout()).isEmpty();
            }
        }
    }
}
