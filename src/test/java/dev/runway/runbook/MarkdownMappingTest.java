package dev.runway.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Markdown → step mapping of DESIGN.md, one construct at a time. */
class MarkdownMappingTest {
    static Runbook parse(String md) {
        return RunbookLoader.parse("t.md", md);
    }

    static List<String> diagnostics(Runbook rb) {
        return rb.diagnostics().stream().map(d -> d.line() + ":" + d.column() + ": " + d.severity().name().toLowerCase()
                + ": " + d.message()).toList();
    }

    @Test
    void shell_blocks_of_a_group_join_into_one_step_at_the_first_block() {
        Runbook rb = parse("# T\n## Build\n### Compile\n```bash\nmake\n```\ntext\n```sh\nmake test\n```\n");
        assertThat(rb.steps()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("compile");
            assertThat(s.line()).isEqualTo(4);
            assertThat(s.action()).isEqualTo(new Action.Shell("make\nmake test", 5, null));
            assertThat(s.notes()).isEmpty();
        });
        assertThat(rb.sections().get(0).notes()).containsExactly("text");
    }

    @Test
    void paragraphs_become_notes_of_the_next_step_in_the_group() {
        Runbook rb = parse("# T\n## Build\nRun it from the repo root.\n\n- careful\n\n```bash\nmake\n```\n");
        assertThat(rb.steps().get(0).notes()).containsExactly("Run it from the repo root.", "careful");
    }

    @Test
    void expected_output_with_any_emphasis_and_fence_attaches_to_the_shell() {
        Runbook rb = parse("# T\n## Build\n```bash\nmake\n```\nExpected Output\n```json\n{\"ok\": true}\n```\n");
        assertThat(((Action.Shell) rb.steps().get(0).action()).expected())
                .isEqualTo(new Expectation(List.of("{\"ok\": true}"), 8));
    }

    @Test
    void ordered_list_is_manual_tasks_only_without_a_shell_block() {
        Runbook manual = parse("# T\n## Go\n1. Announce\n   - in #ops\n2. Deploy\n");
        assertThat(manual.steps()).extracting(Step::action).containsExactly(
                new Action.Manual("Announce", List.of("in #ops")), new Action.Manual("Deploy", List.of()));
        Runbook withShell = parse("# T\n## Go\n1. Announce\n\n```bash\nmake\n```\n");
        assertThat(withShell.steps()).extracting(Step::kind).containsExactly("shell");
        assertThat(withShell.steps().get(0).notes()).containsExactly("Announce");
    }

    @Test
    void gate_blockquote_takes_its_policy_from_the_group_heading() {
        Runbook rb = parse("---\napprovals:\n  go-live: { roles: [approver] }\n---\n# T\n## Prod\n### Go live!\n> GATE: SRE approves\n");
        assertThat(rb.steps().get(0).action()).isEqualTo(new Action.Gate("go-live", "GATE: SRE approves"));
        assertThat(rb.steps().get(0).title()).isEqualTo("Gate: Go live!");
        assertThat(rb.diagnostics()).isEmpty();
    }

    @Test
    void a_blockquote_without_gate_is_a_note() {
        Runbook rb = parse("# T\n## Prod\n> gates are fun\n```bash\nmake\n```\n");
        assertThat(rb.steps()).extracting(Step::kind).containsExactly("shell");
    }

    @Test
    void directive_with_an_action_is_a_step_with_its_own_policy() {
        Runbook rb = parse("""
                ---
                vars:
                  base_url: { default: 'http://127.0.0.1:8080' }
                  version: {}
                ---
                # T
                ## Verify
                ```runway
                http: GET {base_url}/version
                expect: { status: 200, json: { version: 'v{version}' }, within: 500ms, contains: ok }
                headers: { Accept: application/json }
                retry: { attempts: 5, delay: 2s }
                severity: Critical
                id: version-check
                ```
                ```runway
                wait: 1h30m
                ```
                ```runway
                observe: 15m
                rules: [errors > 0.5% for 1m]
                on_failure: rollback
                ```
                """);
        // Both roll back when they fail, and the fixture has no rollback section to run.
        assertThat(diagnostics(rb)).containsExactly(
                "8:1: warning: critical smoke check \"GET {base_url}/version\" asks to roll back when it fails, but the runbook has no rollback section",
                "22:1: warning: on_failure: rollback asks to roll back when \"Observe 15m\" fails, but the runbook has no rollback section");
        assertThat(rb.steps()).extracting(Step::id).containsExactly("version-check", "verify-2", "verify-3");
        Step http = rb.steps().get(0);
        assertThat(http.action()).isEqualTo(new Action.Http("GET", "{base_url}/version", Map.of("Accept", "application/json"), null,
                new Action.HttpExpectation(200, Map.of("version", "v{version}"), Duration.ofMillis(500), "ok"), "critical"));
        assertThat(http.policy().retry()).isEqualTo(new StepPolicy.Retry(5, Duration.ofSeconds(2)));
        assertThat(rb.steps().get(1).action()).isEqualTo(new Action.Wait(Duration.ofMinutes(90)));
        assertThat(rb.steps().get(2).action()).isEqualTo(new Action.Observe(Duration.ofMinutes(15), List.of("errors > 0.5% for 1m")));
        assertThat(rb.steps().get(2).policy().onFailure()).isEqualTo(StepPolicy.OnFailure.ROLLBACK);
    }

    @Test
    void policy_directive_applies_to_the_groups_command_and_may_name_it() {
        Runbook rb = parse("---\non_failure: abort\n---\n# T\n## Deploy\n```runway\nid: deploy\non_failure: continue\nidempotent: true\ntimeout: 10m\nretry: 3\n```\n```bash\nmake\n```\n## After\n- [ ] tell people\n");
        Step deploy = rb.steps().get(0);
        assertThat(deploy.id()).isEqualTo("deploy");
        assertThat(deploy.policy()).isEqualTo(new StepPolicy(StepPolicy.OnFailure.CONTINUE, true, Duration.ofMinutes(10),
                new StepPolicy.Retry(3, Duration.ZERO)));
        assertThat(rb.steps().get(1).policy()).isEqualTo(new StepPolicy(StepPolicy.OnFailure.ABORT, false, null, StepPolicy.Retry.NONE));
    }

    @Test
    void auto_ids_get_group_suffixes_and_avoid_collisions_with_explicit_ids() {
        Runbook rb = parse("# T\n## Deploy\n```runway\nwait: 1m\nid: smoke\n```\n## Smoke\n- [ ] a\n## Smoke\n- [ ] b\n");
        assertThat(rb.steps()).extracting(Step::id).containsExactly("smoke", "smoke-2", "smoke-3");
    }

    @Test
    void long_headings_are_cut_on_a_dash_boundary() {
        Runbook rb = parse("# T\n## Deploy the payments service to every production region in the right order\n- [ ] go\n");
        assertThat(rb.steps().get(0).id()).isEqualTo("deploy-the-payments-service-to-every-production");
    }

    @Test
    void ids_are_unique_across_forward_and_rollback() {
        Runbook rb = parse("# T\n## Deploy\n```runway\nid: x\nwait: 1m\n```\n## Rollback\n```runway\nid: x\nwait: 1m\n```\n");
        assertThat(diagnostics(rb)).containsExactly("9:5: error: duplicate step id \"x\" (first at line 4)");
    }

    @Test
    void task_items_with_a_command_are_checks_and_the_rest_manual() {
        Runbook rb = parse("# T\n## Pre\n- [ ] tests pass: `npm test`\n- [ ] bumped `package.json`\n- [x] already done\n");
        assertThat(rb.steps()).extracting(Step::action).containsExactly(
                new Action.Check("tests pass: npm test", "npm test"),
                new Action.Manual("bumped package.json", List.of()),
                new Action.Manual("already done", List.of()));
    }

    @Test
    void checklist_inline_code_that_is_a_path_a_script_or_a_command_line_is_a_check() {
        Runbook rb = parse("# T\n## Pre\n- [ ] c: `./check.sh`\n- [ ] `../up.sh`\n- [ ] `/usr/local/bin/probe`\n- [ ] `~/bin/x`\n"
                + "- [ ] `bin/verify`\n- [ ] `scripts/verify`\n- [ ] `tools/check.py`\n- [ ] `check.sh`\n- [ ] `make all`\n");
        assertThat(rb.steps()).extracting(s -> ((Action.Check) s.action()).command()).containsExactly("./check.sh", "../up.sh",
                "/usr/local/bin/probe", "~/bin/x", "bin/verify", "scripts/verify", "tools/check.py", "check.sh", "make all");
        assertThat(rb.diagnostics()).isEmpty();
    }

    @Test
    void checklist_inline_code_read_as_a_manual_task_is_a_located_warning_never_silent() {
        Runbook rb = parse("# T\n## Pre\n- [ ] build: `make`\n- [ ] `true`\n- [ ] `uptime`\n- [ ] Update `CHANGELOG.md`\n- [ ] merge `release/1.2`\n");
        assertThat(rb.steps()).extracting(Step::kind).containsOnly("manual");
        assertThat(diagnostics(rb)).containsExactly(
                "3:14: warning: check item \"build: make\" is treated as a manual task: inline code `make` is not recognised as a command; "
                        + "to run it, write it with its arguments (`make …`) or as a path (`./make`), or put it in a ```bash block",
                "4:7: warning: check item \"true\" is treated as a manual task: inline code `true` is not recognised as a command; "
                        + "to run it, write it with its arguments (`true …`) or as a path (`./true`), or put it in a ```bash block",
                "5:7: warning: check item \"uptime\" is treated as a manual task: inline code `uptime` is not recognised as a command; "
                        + "to run it, write it with its arguments (`uptime …`) or as a path (`./uptime`), or put it in a ```bash block",
                "6:14: warning: check item \"Update CHANGELOG.md\" is treated as a manual task: inline code `CHANGELOG.md` names a file, "
                        + "not a command; a person confirms it",
                "7:13: warning: check item \"merge release/1.2\" is treated as a manual task: inline code `release/1.2` is not recognised "
                        + "as a command; to run it, write it with its arguments (`release/1.2 …`) or as a path (`./release/1.2`), or put it in a ```bash block");
    }

    @Test
    void a_smoke_row_with_the_request_as_the_test_and_the_status_as_expected_is_an_http_check() {
        Runbook rb = parse("---\nvars:\n  base_url: { default: 'http://127.0.0.1:8080' }\n---\n# T\n## Smoke\n"
                + "| Test | Expected | Type |\n|---|---|---|\n| GET /health | 200 | Critical |\n| `GET /ready` | -> 204 | Major |\n"
                + "| POST {base_url}/orders | HTTP 201 Created | |\n| Orders page loads | looks right | |\n"
                + "## Rollback\n```bash\n./undo.sh\n```\n");
        assertThat(rb.diagnostics()).isEmpty();
        assertThat(rb.forwardSteps()).extracting(Step::action).containsExactly(
                new Action.Http("GET", "/health", Map.of(), null, new Action.HttpExpectation(200, Map.of(), null, null), "critical"),
                new Action.Http("GET", "/ready", Map.of(), null, new Action.HttpExpectation(204, Map.of(), null, null), "major"),
                new Action.Http("POST", "{base_url}/orders", Map.of(), null, new Action.HttpExpectation(201, Map.of(), null, null), null),
                new Action.Manual("Orders page loads: looks right", List.of()));
        assertThat(rb.steps().get(0).policy().onFailure()).isEqualTo(StepPolicy.OnFailure.ROLLBACK);
    }

    @Test
    void front_matter_informational_list_replaces_the_default() {
        Runbook rb = parse("---\ninformational: [Notes to self]\n---\n# T\n## Notes to self\n- [ ] ignored\n## Troubleshooting\n- [ ] now a step\n");
        assertThat(rb.steps()).extracting(Step::title).containsExactly("now a step");
    }

    @Test
    void commands_in_a_list_item_a_blockquote_or_an_indented_block_are_flagged_as_not_run_and_samples_are_not() {
        Runbook rb = parse("# T\n## Deploy\n### Apply\n\n1. Apply:\n\n   ```bash\n   kubectl apply -f x\n   ```\n\n"
                + "### Check\n\n> ```sh\n> curl -f http://x\n> ```\n\n### Rollout\n\n    kubectl rollout status deploy/x\n\n"
                + "### Sample\n\n- Looks like:\n\n  ```\n  ok\n  ```\n\n## Troubleshooting\n\n- Try:\n\n  ```bash\n  kubectl logs x\n  ```\n");
        String noStep = " has no command, check, task, gate or directive, so no step runs or waits here; write what a person must do as"
                + " \"- [ ] ...\", or the gate as a GATE blockquote or a ```runway block";
        assertThat(diagnostics(rb)).containsExactly(
                "7:4: warning: a bash block inside a list item is not run: Runway runs the fenced blocks at a step's top level (move it out of the list)",
                "13:3: warning: a sh block inside a blockquote is not run: Runway runs the fenced blocks at a step's top level (move it out of the blockquote)",
                "19:1: warning: an indented code block is not run: Runway runs fenced blocks (```bash … ```); fence it to run it",
                "21:1: warning: heading \"Sample\"" + noStep);
    }

    @Test
    void a_directive_written_as_an_html_comment_is_flagged_and_other_comments_are_not() {
        Runbook rb = parse("# T\n## Deploy\n### Apply\n\n<!-- runway: timeout=5m -->\n\n```bash\n./apply.sh\n```\n\n"
                + "### Check\n\n- item\n\n  <!--RUNWAY retry: 3 -->\n\n<!-- reviewed by ops -->\n\n```bash\n./check.sh\n```\n\n"
                + "## Troubleshooting\n\n<!-- runway: ignored here -->\n");
        assertThat(diagnostics(rb)).containsExactly(
                "5:1: warning: an HTML comment is not a directive: Runway reads directives from ```runway blocks; write it as one",
                "15:3: warning: an HTML comment is not a directive: Runway reads directives from ```runway blocks; write it as one");
        assertThat(rb.steps()).extracting(Step::title).containsExactly("Apply", "Check");
    }

    @Test
    void other_languages_are_kept_as_notes_with_a_warning() {
        Runbook rb = parse("# T\n## Build\n```python\nprint(1)\n```\n");
        assertThat(diagnostics(rb)).containsExactly(
                "3:1: warning: code block in \"python\" is not run (only bash, sh and shell blocks are); it is kept as a note");
        assertThat(rb.sections().get(0).notes()).containsExactly("print(1)");
    }

    @Test
    void empty_shell_block_is_a_warning() {
        assertThat(diagnostics(parse("# T\n## Build\n```bash\n```\n"))).containsExactly("3:1: warning: empty bash block");
    }

    @Test
    void lint_warns_about_rollback_commands_latest_tags_and_untimed_pauses() {
        Runbook rb = parse("# T\n## Deploy\nWait 10 minutes for caches.\n```bash\n# rollback is elsewhere\nhelm rollback api 3\ndocker run app:latest\n```\n## Watch\n```runway\nwait: 10m\n```\nhold for 10 minutes\n");
        assertThat(diagnostics(rb)).containsExactly(
                "3:1: warning: text asks to wait for 10 minutes but no wait or observe directive makes it a timed step",
                "4:1: warning: command \"helm rollback\" looks like a rollback but is outside the rollback section",
                "4:1: warning: command uses the \":latest\" image tag; pin a version or digest so the release is reproducible");
    }

    @Test
    void gate_finds_the_default_approval_policy() {
        Runbook rb = parse("---\napprovals:\n  default: { users: [ana] }\n---\n# T\n## Prod\n```runway\ngate: production\n```\n");
        assertThat(rb.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "t.md:8:7: warning: gate \"production\" names no declared approval policy, so approvals.default applies");
        assertThat(rb.front().approvals().get("default")).isEqualTo(new FrontMatter.ApprovalPolicy(List.of(), List.of("ana"), 1, false));
    }

    @Test
    void variable_syntax_is_told_apart_from_shell_and_template_braces() {
        Runbook rb = parse("---\nvars:\n  v: 1\n---\n# T\n## Go\n```bash\necho ${PREV} {{.Names}} {a,b} {1..3} {v}\n```\n");
        assertThat(rb.diagnostics()).isEmpty();
    }

    @Test
    void undeclared_placeholders_in_expected_output_are_not_errors() {
        Runbook rb = parse("---\nvars:\n  v: 1\n---\n# T\n## Go\n```bash\necho {v}\n```\nExpected output:\n```\n{v} {container-id}\n```\n");
        assertThat(rb.diagnostics()).isEmpty();
    }

    @Test
    void front_matter_reads_vars_secrets_approvals_and_policies() {
        Runbook rb = parse("""
                ---
                runbook: payments-api release
                environment: production
                vars:
                  version:  { required: true, pattern: '^\\d+\\.\\d+\\.\\d+$', description: the new version }
                  base_url: { default: 'http://127.0.0.1:8080' }
                  region: eu-west-1
                  owner:
                secrets: [DEPLOY_TOKEN]
                approvals:
                  production: { roles: [release-manager], count: 2, not_initiator: true }
                rollback_deadline: 60m
                production_from: Production
                on_failure: abort
                monitors:
                  health: { probe: 'GET {base_url}/health', every: 1s }
                triggers: [health.error_rate > 1% for 2m]
                ---
                # Payments
                """);
        // A front matter on its own: nothing uses its variables and nothing can roll back.
        assertThat(diagnostics(rb)).containsExactly(
                "5:3: warning: variable \"version\" is declared but never used",
                "7:3: warning: variable \"region\" is declared but never used",
                "8:3: warning: variable \"owner\" is declared but never used",
                "17:1: warning: triggers ask to roll back when one fires, but the runbook has no rollback section");
        FrontMatter f = rb.front();
        assertThat(f.name()).isEqualTo("payments-api release");
        assertThat(f.environment()).isEqualTo("production");
        assertThat(f.vars().values()).containsExactly(
                new FrontMatter.VarSpec("version", true, null, "^\\d+\\.\\d+\\.\\d+$", "the new version", 5, 3),
                new FrontMatter.VarSpec("base_url", false, "http://127.0.0.1:8080", null, null, 6, 3),
                new FrontMatter.VarSpec("region", false, "eu-west-1", null, null, 7, 3),
                new FrontMatter.VarSpec("owner", true, null, null, null, 8, 3));
        assertThat(f.secrets()).containsExactly("DEPLOY_TOKEN");
        assertThat(f.approvals()).containsEntry("production",
                new FrontMatter.ApprovalPolicy(List.of("release-manager"), List.of(), 2, true));
        assertThat(f.rollbackDeadline()).isEqualTo(Duration.ofHours(1));
        assertThat(f.productionFrom()).isEqualTo("Production");
        assertThat(f.onFailure()).isEqualTo(StepPolicy.OnFailure.ABORT);
        assertThat(f.extra()).containsOnlyKeys("monitors", "triggers");
    }

    @Test
    void name_falls_back_to_title_then_file_name() {
        assertThat(parse("# Big Release\n").front().name()).isEqualTo("Big Release");
        assertThat(RunbookLoader.parse("dir/deploy.md", "## Go\n- [ ] x\n").front().name()).isEqualTo("deploy");
    }

    @Test
    void durations_accept_compound_forms_and_reject_prose() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("10 minutes")).isNull();
        assertThat(Durations.parse("30")).isNull();
        assertThat(Durations.parse("")).isNull();
    }

    @Test
    void windows_line_endings_and_a_byte_order_mark_do_not_change_the_reading() {
        Runbook unix = parse("# T\n## Go\n```bash\nmake\n```\n");
        Runbook windows = parse("\uFEFF# T\r\n## Go\r\n```bash\r\nmake\r\n```\r\n");
        assertThat(windows.steps()).isEqualTo(unix.steps());
    }
}
