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

    static final String GATES = """
            ---
            approvals:
              production: { roles: [approver, release-manager], users: [dana], count: 2, not_initiator: true }
              default: { roles: [release-manager] }
            ---
            # Gates

            ## Staging

            > **GATE**: staging sign-off

            ## Production

            ```runway
            gate: production
            ```
            """;

    @Test
    void each_gate_shows_who_may_pass_it_and_which_policy_says_so() {
        Plan plan = plan(GATES, Map.of(), Map.of());
        assertThat(text(plan))
                .contains("       approval: 1 approval from role release-manager (policy \"default\": none is named \"staging\")\n")
                .contains("       approval: 2 approvals, each from a different person, from roles approver, release-manager"
                        + " or user dana, not the initiator (policy \"production\")\n");
        assertThat(step(plan, 0)).containsEntry("approval", Map.of("policy", "default", "roles", java.util.List.of("release-manager"),
                "users", java.util.List.of(), "count", 1, "not_initiator", false));
        assertThat(step(plan, 1)).containsEntry("approval", Map.of("policy", "production",
                "roles", java.util.List.of("approver", "release-manager"), "users", java.util.List.of("dana"), "count", 2, "not_initiator", true));
    }

    @Test
    void a_gate_without_any_policy_says_anyone_may_approve() {
        Plan plan = plan(GATES.replaceAll("(?s)---.*---\n", ""), Map.of(), Map.of());
        assertThat(text(plan)).contains("       approval: any one person may approve (no approval policy)\n");
        @SuppressWarnings("unchecked")
        Map<String, Object> approval = (Map<String, Object>) step(plan, 1).get("approval");
        assertThat(approval).containsEntry("policy", null).containsEntry("roles", java.util.List.of())
                .containsEntry("users", java.util.List.of()).containsEntry("count", 1).containsEntry("not_initiator", false);
    }

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

    static final String WATCHED = """
            ---
            vars:
              base_url: { default: 'http://127.0.0.1:8080' }
            rollback_deadline: 30m
            monitors:
              health: { probe: 'GET {base_url}/health', every: 2s }
            triggers: [health.error_rate > 1% for 2m]
            ---
            # R

            ## Staging

            ```bash
            ./deploy.sh staging
            ```

            ## Production

            ### Deploy

            ```bash
            ./deploy.sh production
            ```

            ### Watch

            ```runway
            observe: 8s
            rules: [health.latency_p99 > 2s for 3m]
            ```

            ## Rollback

            ```bash
            ./deploy.sh undo
            ```
            """;

    @Test
    void the_text_plan_shows_monitors_triggers_where_arming_starts_and_what_an_observe_step_watches() {
        String text = text(plan(WATCHED, Map.of(), Map.of()));
        assertThat(text).contains("""
                monitors:
                  health       probe http://127.0.0.1:8080/health, every 2s

                triggers (one that fires rolls the release back):
                  health.error_rate > 1% for 2m
                  armed from step "deploy" (line 21, § Production) until rollback_deadline 30m after it starts, and during every observe window
                """).contains("""
                    2. shell   deploy                                   line 21
                       Deploy
                       ▸ triggers armed from here until 30m after this step starts
                """).contains("""
                    3. observe watch                                    line 27
                       Observe 8s
                       watches: health.latency_p99 > 2s for 3m; the runbook's triggers
                """);
    }

    @Test
    void the_json_plan_has_monitors_triggers_the_deadline_and_where_arming_starts() {
        Map<String, Object> json = PlanJson.of(plan(WATCHED, Map.of(), Map.of()));
        assertThat(json).containsEntry("monitors", java.util.List.of(Map.of("name", "health", "kind", "probe",
                        "target", "http://127.0.0.1:8080/health", "every", "2s")))
                .containsEntry("triggers", java.util.List.of("health.error_rate > 1% for 2m"))
                .containsEntry("rollback_deadline", "30m")
                .containsEntry("arming", Map.of("from_step", "deploy", "line", 21, "section", "Production",
                        "until", "30m after that step starts"));
        assertThat(step(plan(WATCHED, Map.of(), Map.of()), 2)).containsEntry("rules", java.util.List.of("health.latency_p99 > 2s for 3m"));
    }

    @Test
    void without_a_rollback_deadline_the_plan_says_triggers_are_watched_only_in_observe_windows() {
        String text = text(plan(WATCHED.replace("rollback_deadline: 30m\n", ""), Map.of(), Map.of()));
        assertThat(text).contains("  watched only during observe windows: no rollback_deadline is set\n")
                .doesNotContain("▸ triggers armed");
    }
}
