package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.plan.Binder;
import dev.runway.plan.Plan;
import dev.runway.runbook.RunbookLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code runway plan} prints, rendered in-process from a bound plan. */
class PlanOutputTest {

    static Plan plan(String markdown, Map<String, String> vars, Map<String, String> env) {
        return Binder.bind(RunbookLoader.parse("p.md", markdown), vars, env, false).plan();
    }

    static String text(Plan plan) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new PlanText(new PrintStream(bytes, true, StandardCharsets.UTF_8)).print(plan);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> step(Plan plan, int index) {
        return ((java.util.List<Map<String, Object>>) PlanJson.of(plan).get("steps")).get(index);
    }

    static final String INJECTED = """
            ---
            vars:
              version: { required: true }
            ---
            # Meta

            ## S

            ### Echo

            ```bash
            echo {version}
            ```
            """;

    @Test
    void a_command_is_shown_as_the_shell_receives_it_with_the_values_listed_apart() {
        Plan plan = plan(INJECTED, Map.of("version", "1.2; rm -rf ~"), Map.of());
        assertThat(text(plan)).contains("""
                    1. shell   echo                                     line 11
                       Echo
                       $ echo "${RUNWAY_VAR_version}"
                       with RUNWAY_VAR_version='1.2; rm -rf ~'
                """).contains("variables: version='1.2; rm -rf ~'\n").doesNotContain("echo 1.2");
        Map<String, Object> step = step(plan, 0);
        assertThat(step).containsEntry("command", "echo \"${RUNWAY_VAR_version}\"")
                .containsEntry("env", Map.of("RUNWAY_VAR_version", "1.2; rm -rf ~"));
    }

    @Test
    void a_command_reading_a_secret_and_an_unbound_variable_shows_neither_value() {
        Plan plan = plan("---\nvars:\n  v: {}\nsecrets: [TOKEN]\n---\n# T\n## S\n```bash\n./deploy.sh {v} \"{TOKEN}\"\n```\n",
                Map.of(), Map.of("TOKEN", "hunter2"));
        assertThat(text(plan)).contains("""
                       $ ./deploy.sh "${RUNWAY_VAR_v}" "${TOKEN}"
                       with RUNWAY_VAR_v unset
                            TOKEN=***
                """).doesNotContain("hunter2");
    }
}
