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
                .containsExactly("deploy.md:24:1: warning: gate \"verify\" has no approval policy; any one person may approve");
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
    void strict_binding_reports_every_problem_at_once() {
        BindResult r = Binder.bind(RUNBOOK, Map.of("version", "x", "zzz", "1"), Map.of(), true);
        assertThat(r.errors()).extracting(d -> d.message()).containsExactly(
                "unknown variable \"zzz\" (declared: version, base_url, note)",
                "variable \"version\" = \"x\" does not match pattern ^\\d+\\.\\d+\\.\\d+$",
                "secret \"DEPLOY_TOKEN\" is not set in the environment");
    }

    @Test
    void implicitly_declared_variables_are_required_at_run_time() {
        Runbook rb = RunbookLoader.parse("a.md", "# T\n## Go\n```bash\necho {project}\n```\n");
        assertThat(Binder.bind(rb, Map.of(), Map.of(), true).errors()).extracting(d -> d.format())
                .containsExactly("a.md:4:7: error: missing required variable \"project\" (pass --var project=…)");
        assertThat(Binder.bind(rb, Map.of("project", "p q"), Map.of(), true).ok()).isTrue();
    }
}
