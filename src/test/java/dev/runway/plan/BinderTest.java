package dev.runway.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.runway.runbook.Action;
import dev.runway.runbook.Runbook;
import dev.runway.runbook.RunbookLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinderTest {
    static final Runbook RUNBOOK = RunbookLoader.parse("deploy.md", """
            ---
            vars:
              version: { pattern: '^\\d+\\.\\d+\\.\\d+$' }
              base_url: { default: 'http://127.0.0.1:8080' }
              note: { required: false }
            secrets: [DEPLOY_TOKEN]
            ---
            # Deploy {version}
            ## Deploy
            ```bash
            ./deploy.sh '{version}' --token {DEPLOY_TOKEN}
            ```
            Expected output:
            ```
            deployed {version}
            ```
            - [ ] smoke: `./smoke.sh {base_url}`
            ## Verify
            ```runway
            http: GET {base_url}/version
            headers: { Authorization: 'Bearer {DEPLOY_TOKEN}' }
            expect: { json: { version: 'v{version}' } }
            ```
            > GATE: ship {version}?
            """);

    @Test
    void the_fixture_parses_cleanly() {
        assertThat(RUNBOOK.diagnostics()).extracting(d -> d.format())
                .containsExactly("deploy.md:5:3: warning: variable \"note\" is declared but never used",
                        "deploy.md:24:1: warning: gate \"verify\" has no approval policy; any one person may approve");
    }

    @Test
    void strict_binding_fills_defaults_and_secrets_and_renders_shell_as_references() {
        BindResult r = Binder.bind(RUNBOOK, Map.of("version", "1.2.3"), Map.of("DEPLOY_TOKEN", "s3cr3t", "PATH", "/bin"), true);
        assertThat(r.ok()).isTrue();
        Plan plan = r.plan();
        assertThat(plan.bindings()).isEqualTo(new Bindings(
                Map.of("version", "1.2.3", "base_url", "http://127.0.0.1:8080", "note", ""), Map.of("DEPLOY_TOKEN", "s3cr3t")));
        PlannedStep deploy = plan.step("deploy-1");
        assertThat(((Action.Shell) deploy.bound()).script())
                .isEqualTo("./deploy.sh ''\"${RUNWAY_VAR_version}\"'' --token \"${DEPLOY_TOKEN}\"");
        assertThat(deploy.display()).isEqualTo("./deploy.sh ''\"${RUNWAY_VAR_version}\"'' --token \"${DEPLOY_TOKEN}\"");
        assertThat(deploy.shown().env()).containsExactly(entry("RUNWAY_VAR_version", "1.2.3"), entry("DEPLOY_TOKEN", "***"));
        assertThat(deploy.expected().match("deployed 1.2.3").matched()).isTrue();
        assertThat(deploy.expected().match("deployed 1x2x3").firstMissing()).isEqualTo("deployed 1.2.3");
        PlannedStep smoke = plan.step("deploy-2");
        assertThat(smoke.bound()).isEqualTo(new Action.Check("smoke: ./smoke.sh http://127.0.0.1:8080", "./smoke.sh \"${RUNWAY_VAR_base_url}\""));
        assertThat(smoke.display()).isEqualTo("./smoke.sh \"${RUNWAY_VAR_base_url}\"");
        assertThat(smoke.shown().env()).containsExactly(entry("RUNWAY_VAR_base_url", "http://127.0.0.1:8080"));
    }

    @Test
    void http_gets_real_values_while_its_display_masks_secrets() {
        Plan plan = Binder.bind(RUNBOOK, Map.of("version", "1.2.3"), Map.of("DEPLOY_TOKEN", "s3cr3t"), true).plan();
        PlannedStep http = plan.step("verify-1");
        Action.Http h = (Action.Http) http.bound();
        assertThat(h.url()).isEqualTo("http://127.0.0.1:8080/version");
        assertThat(h.headers()).containsEntry("Authorization", "Bearer s3cr3t");
        assertThat(h.expect().json()).containsEntry("version", "v1.2.3");
        assertThat(http.display()).isEqualTo("GET http://127.0.0.1:8080/version");
        assertThat(plan.step("verify-2").bound()).isEqualTo(new Action.Gate("verify", "GATE: ship 1.2.3?"));
    }

    @Test
    void the_shown_http_step_masks_the_secret_in_every_field_the_request_carries_it() {
        Plan plan = Binder.bind(RUNBOOK, Map.of("version", "1.2.3"), Map.of("DEPLOY_TOKEN", "s3cr3t"), true).plan();
        PlannedStep.Shown shown = plan.step("verify-1").shown();
        assertThat(shown.action()).isEqualTo(new Action.Http("GET", "http://127.0.0.1:8080/version",
                Map.of("Authorization", "Bearer ***"), null,
                new Action.HttpExpectation(200, Map.of("version", "v1.2.3"), null, null), null));
        assertThat(shown.command()).isEqualTo("GET http://127.0.0.1:8080/version");
        assertThat(plan.step("deploy-1").shown().action()).isEqualTo(new Action.Shell(
                "./deploy.sh ''\"${RUNWAY_VAR_version}\"'' --token \"${DEPLOY_TOKEN}\"", 11,
                new dev.runway.runbook.Expectation(java.util.List.of("deployed 1.2.3"), 15)));
    }

    @Test
    void lenient_binding_reports_nothing_and_leaves_unbound_names_visible() {
        BindResult r = Binder.bind(RUNBOOK, Map.of("nope", "x"), Map.of(), false);
        assertThat(r.errors()).isEmpty();
        assertThat(r.plan().step("deploy-1").display()).isEqualTo("./deploy.sh ''\"${RUNWAY_VAR_version}\"'' --token \"${DEPLOY_TOKEN}\"");
        Map<String, String> unbound = new java.util.LinkedHashMap<>();
        unbound.put("RUNWAY_VAR_version", null);
        unbound.put("DEPLOY_TOKEN", null);
        assertThat(r.plan().step("deploy-1").shown().env()).isEqualTo(unbound);
        assertThat(r.plan().step("verify-2").bound()).isEqualTo(new Action.Gate("verify", "GATE: ship {version}?"));
        assertThat(r.plan().bindings().values()).isEqualTo(Map.of("base_url", "http://127.0.0.1:8080"));
    }

    @Test
    void a_secret_too_short_to_mask_is_refused_rather_than_shown() {
        Runbook rb = RunbookLoader.parse("s.md", "---\nsecrets: [PIN, EMPTY, OK]\n---\n# T\n\n## S\n\n### A\n\n```bash\necho hi\n```\n");
        BindResult r = Binder.bind(rb, Map.of(), Map.of("PIN", "42", "EMPTY", "", "OK", "abc"), true);
        assertThat(r.errors()).extracting(d -> d.format()).containsExactly(
                "s.md:2:11: error: secret \"PIN\" is only 2 characters long: Runway masks secrets of 3 characters or more,"
                        + " and a shorter one would appear in output and reports",
                "s.md:2:16: error: secret \"EMPTY\" is empty: Runway masks secrets of 3 characters or more,"
                        + " and a shorter one would appear in output and reports");
        assertThat(Binder.bind(rb, Map.of(), Map.of("PIN", "42", "EMPTY", "", "OK", "abc"), false).ok()).isTrue();
    }

    @Test
    void strict_binding_reports_every_problem_at_once() {
        BindResult r = Binder.bind(RUNBOOK, Map.of("version", "x", "zzz", "1"), Map.of(), true);
        assertThat(r.errors()).extracting(d -> d.message()).containsExactly(
                "unknown variable \"zzz\" (declared: version, base_url, note)",
                "variable \"version\" = \"x\" does not match pattern ^\\d+\\.\\d+\\.\\d+$",
                "secret \"DEPLOY_TOKEN\" is not set in the environment");
    }

    @Test
    void lint_and_run_put_an_implicit_variable_at_the_same_column_the_brace_of_its_first_use() {
        Runbook rb = RunbookLoader.parse("dash.md", "# T\n\n## S\n\n### A\n\n```bash\necho hi {my-var} {my-var}\n```\n");
        assertThat(rb.diagnostics()).extracting(d -> d.format()).containsExactly(
                "dash.md:8:9: warning: variable \"my-var\" is used but never declared; it will be required at run time");
        assertThat(Binder.bind(rb, Map.of(), Map.of(), true).errors()).extracting(d -> d.format())
                .containsExactly("dash.md:8:9: error: missing required variable \"my-var\" (pass --var my-var=…)");
    }

    @Test
    void a_runbook_title_binds_its_variables_and_masks_secrets_while_its_name_stays_as_written() {
        Runbook rb = RunbookLoader.parse("t.md", "---\nvars:\n  project: {}\nsecrets: [TOKEN]\n---\n# {project} with {TOKEN}\n## S\n```bash\necho {project}\n```\n");
        Plan plan = Binder.bind(rb, Map.of("project", "payments"), Map.of("TOKEN", "s3cr3t"), true).plan();
        assertThat(plan.title()).isEqualTo("payments with ***");
        assertThat(rb.front().name()).isEqualTo("{project} with {TOKEN}");
    }

    @Test
    void a_variable_used_only_in_the_title_of_a_loose_runbook_is_declared_by_that_use() {
        Runbook rb = RunbookLoader.parse("t.md", "# T {project}\n\n## S\n\n```bash\necho hi\n```\n");
        assertThat(rb.diagnostics()).extracting(d -> d.format()).containsExactly(
                "t.md:1:5: warning: variable \"project\" is used but never declared; it will be required at run time");
        BindResult r = Binder.bind(rb, Map.of("project", "p"), Map.of(), true);
        assertThat(r.errors()).isEmpty();
        assertThat(r.plan().title()).isEqualTo("T p");
        assertThat(r.plan().steps().get(0).shown().title()).isEqualTo("S");
    }

    @Test
    void implicitly_declared_variables_are_required_at_run_time() {
        Runbook rb = RunbookLoader.parse("a.md", "# T\n## Go\n```bash\necho {project}\n```\n");
        assertThat(Binder.bind(rb, Map.of(), Map.of(), true).errors()).extracting(d -> d.format())
                .containsExactly("a.md:4:6: error: missing required variable \"project\" (pass --var project=…)");
        assertThat(Binder.bind(rb, Map.of("project", "p q"), Map.of(), true).ok()).isTrue();
    }
}
