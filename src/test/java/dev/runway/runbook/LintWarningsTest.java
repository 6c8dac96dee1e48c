package dev.runway.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lint's warnings, each located where the author would change the runbook. */
class LintWarningsTest {

    static List<String> warnings(String file, String source) {
        return RunbookLoader.parse(file, source).diagnostics().stream().map(Diagnostic::format).toList();
    }

    static final String ASKS_TO_ROLL_BACK = """
            ---
            on_failure: rollback
            vars:
              base_url: { default: 'http://127.0.0.1:8080' }
            monitors:
              x: { command: 'echo 1' }
            triggers:
              - x.value > 1
            ---
            # T

            ## Deploy

            ```runway
            on_failure: rollback
            ```

            ```bash
            ./deploy.sh
            ```

            - [ ] smoke: `./smoke.sh`

            ## Smoke

            | Test | Expected | Type |
            |---|---|---|
            | GET /health | 200 | Critical |
            | GET /ready | 200 | Major |
            """;

    @Test
    void asking_to_roll_back_without_a_rollback_section_is_a_warning_at_each_line_that_asks() {
        assertThat(warnings("r.md", ASKS_TO_ROLL_BACK)).containsExactly(
                "r.md:2:1: warning: front matter on_failure: rollback asks to roll back when a step fails, but the runbook has no rollback section",
                "r.md:7:1: warning: triggers ask to roll back when one fires, but the runbook has no rollback section",
                "r.md:15:1: warning: on_failure: rollback asks to roll back when \"Deploy\" fails, but the runbook has no rollback section",
                "r.md:28:1: warning: critical smoke check \"GET /health\" asks to roll back when it fails, but the runbook has no rollback section");
    }

    @Test
    void an_empty_rollback_section_is_named_in_the_warning() {
        assertThat(warnings("r.md", "# T\n## Deploy\n```runway\non_failure: rollback\n```\n```bash\nmake\n```\n## Rollback\nCall someone.\n"))
                .containsExactly(
                        "r.md:4:1: warning: on_failure: rollback asks to roll back when \"Deploy\" fails, but its rollback section "
                                + "\"Rollback\" has no steps",
                        "r.md:9:1: warning: rollback section \"Rollback\" has no steps; its text is shown as notes only");
    }

    @Test
    void a_rollback_section_with_steps_or_an_overridden_critical_check_asks_nothing_of_lint() {
        assertThat(warnings("r.md", ASKS_TO_ROLL_BACK + "\n## Rollback\n\n```bash\n./undo.sh\n```\n")).isEmpty();
        assertThat(warnings("r.md", "---\nvars:\n  base_url: { default: 'http://x' }\n---\n# T\n## Smoke\n"
                + "```runway\nhttp: GET /health\nseverity: critical\non_failure: ask\n```\n")).isEmpty();
    }

    @Test
    void a_repeated_step_title_is_a_warning_at_the_second_naming_the_first_and_the_ids_it_got() {
        assertThat(warnings("d.md", "# T\n## S\n### A\n```bash\necho 1\n```\n### A\n```bash\necho 2\n```\n"
                + "### A!\n- [ ] x\n- [ ] y\n### B\n```runway\nid: b2\n```\n```bash\necho 3\n```\n### B\n```runway\nid: b3\n```\n"
                + "```bash\necho 4\n```\n")).containsExactly(
                "d.md:7:1: warning: duplicate step title \"A\" (also at line 3): its step gets the id \"a-2\"; "
                        + "give it another title or an id in a ```runway block",
                "d.md:11:1: warning: step title \"A!\" gives the same id as \"A\" at line 3: its steps get the ids \"a-1\", \"a-2-2\"; "
                        + "give it another title or an id in a ```runway block");
    }

    @Test
    void a_declared_variable_nothing_refers_to_is_a_warning_at_its_declaration() {
        assertThat(warnings("u.md", """
                ---
                vars:
                  version: {}
                  region: eu-west-1
                  base_url: { default: 'http://127.0.0.1:8080' }
                  prometheus_url: { default: 'http://127.0.0.1:9090' }
                  owner: {}
                  spare: {}
                monitors:
                  errors: { prometheus: 'sum(rate(errors[1m]))' }
                ---
                # T for {owner}

                ## S

                ```bash
                echo {version}
                ```

                ```runway
                http: GET /health
                ```
                """)).containsExactly(
                "u.md:4:3: warning: variable \"region\" is declared but never used",
                "u.md:8:3: warning: variable \"spare\" is declared but never used");
    }

    @Test
    void a_yaml_runbook_asking_to_roll_back_without_rollback_steps_is_warned_too() {
        assertThat(warnings("r.yaml", "title: T\non_failure: rollback\nsteps:\n  - run: make\n")).containsExactly(
                "r.yaml:2:1: warning: front matter on_failure: rollback asks to roll back when a step fails, but the runbook has no rollback section");
    }

    static final String NOTHING_TO_DO = """
            # T

            ## Release

            ### Notify stakeholders

            Post in #releases that the release starts.

            ### Approve production

            <!-- gate: production -->

            ### Empty

            ### Build

            ```bash
            make
            ```

            #### Verify

            - [ ] dashboards are green

            ### Pause

            ```runway
            wait: 1m
            ```

            ## Troubleshooting

            ### When the build fails

            Read the log.
            """;

    @Test
    void a_step_heading_that_makes_no_step_is_a_warning_at_the_heading_unless_a_problem_under_it_says_why() {
        assertThat(warnings("n.md", NOTHING_TO_DO)).containsExactly(
                "n.md:5:1: warning: heading \"Notify stakeholders\" has no command, check, task, gate or directive, so no step runs"
                        + " or waits here; write what a person must do as \"- [ ] ...\", or the gate as a GATE blockquote or a ```runway block",
                "n.md:11:1: warning: an HTML comment is not a directive: Runway reads directives from ```runway blocks; write it as one",
                "n.md:13:1: warning: heading \"Empty\" has no command, check, task, gate or directive, so no step runs"
                        + " or waits here; write what a person must do as \"- [ ] ...\", or the gate as a GATE blockquote or a ```runway block");
        assertThat(RunbookLoader.parse("n.md", NOTHING_TO_DO).steps()).extracting(Step::kind).containsExactly("shell", "manual", "wait");
    }

    @Test
    void an_html_comment_that_starts_like_a_directive_key_is_a_warning_and_other_comments_are_not() {
        String source = "# T\n## S\n### Deploy\n<!-- timeout: 5m -->\n<!-- RETRY=3 -->\n<!-- runway: idempotent -->\n"
                + "<!-- owner: payments team -->\n<!-- TODO: the gate below -->\n```bash\nmake\n```\n";
        assertThat(warnings("c.md", source)).containsExactly(
                "c.md:4:1: warning: an HTML comment is not a directive: Runway reads directives from ```runway blocks; write it as one",
                "c.md:5:1: warning: an HTML comment is not a directive: Runway reads directives from ```runway blocks; write it as one",
                "c.md:6:1: warning: an HTML comment is not a directive: Runway reads directives from ```runway blocks; write it as one");
    }
}
