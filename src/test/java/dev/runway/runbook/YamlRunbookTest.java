package dev.runway.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlRunbookTest {
    static final String YAML = """
            runbook: api release
            title: API release
            vars:
              version: { required: true }
            approvals:
              production: { roles: [approver] }
            steps:
              - id: build
                section: Build
                run: |
                  make VERSION={version}
                  make test
                expect: ["BUILD SUCCESS", "tests passed (N/N)"]
                timeout: 10m
              - section: Build
                check: lint is clean
                command: make lint
              - section: Production
                gate: production
              - section: Production
                wait: 5m
              - section: Production
                http: GET https://api.example.com/version
                expect: { status: 200, json: { version: '{version}' } }
                on_failure: rollback
              - section: Production
                manual: tell support
                details: ['post in #support']
            rollback:
              - run: ./rollback.sh
            """;

    @Test
    void yaml_runbook_yields_the_same_model_as_markdown() {
        Runbook rb = RunbookLoader.parse("api.yaml", YAML);
        assertThat(rb.diagnostics()).isEmpty();
        assertThat(rb.title()).isEqualTo("API release");
        assertThat(rb.front().name()).isEqualTo("api release");
        assertThat(rb.steps()).extracting(Step::id).containsExactly(
                "build", "lint-is-clean", "gate-production", "wait-5m", "get-https-api-example-com-version", "tell-support", "rollback");
        assertThat(rb.steps()).extracting(Step::kind).containsExactly("shell", "check", "gate", "wait", "http", "manual", "shell");
        Step build = rb.steps().get(0);
        assertThat(build.line()).isEqualTo(8);
        assertThat(build.action()).isEqualTo(new Action.Shell("make VERSION={version}\nmake test", 11,
                new Expectation(List.of("BUILD SUCCESS", "tests passed (N/N)"), 13)));
        assertThat(build.policy().timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(rb.steps().get(4).policy().onFailure()).isEqualTo(StepPolicy.OnFailure.ROLLBACK);
        assertThat(rb.steps().get(5).action()).isEqualTo(new Action.Manual("tell support", List.of("post in #support")));
        assertThat(rb.rollbackSteps()).singleElement().satisfies(s -> assertThat(s.section()).isEqualTo("Rollback"));
        assertThat(rb.sections()).extracting(Section::title, Section::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Build", Section.Role.PHASE),
                org.assertj.core.groups.Tuple.tuple("Production", Section.Role.PHASE),
                org.assertj.core.groups.Tuple.tuple("Rollback", Section.Role.ROLLBACK));
    }

    @Test
    void yaml_runbook_reports_undeclared_variables_at_their_line() {
        Runbook rb = RunbookLoader.parse("api.yml", "vars: { a: 1 }\nsteps:\n  - id: s\n    run: |\n      echo {a}\n      echo {b}\n");
        assertThat(rb.diagnostics()).extracting(Diagnostic::format)
                .containsExactly("api.yml:6:12: error: step \"s\" uses undeclared variable \"b\"");
    }
}
