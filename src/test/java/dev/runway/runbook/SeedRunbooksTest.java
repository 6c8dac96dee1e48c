package dev.runway.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The three real runbooks in shared/seeds read the way a release manager would read them. */
class SeedRunbooksTest {
    static final Path SEEDS = Path.of(System.getProperty("runway.repo", ".")).resolve("../shared/seeds");

    static Runbook load(String name) {
        Runbook rb = RunbookLoader.load(SEEDS.resolve(name));
        assertThat(rb.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format)).isEmpty();
        return rb;
    }

    static Map<String, Long> kinds(List<Step> steps) {
        return steps.stream().collect(Collectors.groupingBy(Step::kind, TreeMap::new, Collectors.counting()));
    }

    static Step step(Runbook rb, String id) {
        return rb.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(
                "no step " + id + " in " + rb.steps().stream().map(Step::id).toList()));
    }

    static List<String> warnings(Runbook rb) {
        return rb.warnings().stream().map(d -> d.line() + ":" + d.column() + ": " + d.message()).toList();
    }

    @Test
    void agent_runbook_has_checks_procedure_shell_steps_a_gate_and_a_rollback() {
        Runbook rb = load("agent-release-runbook.md");
        assertThat(rb.title()).isEqualTo("Release Runbook: {project} {version}");
        assertThat(kinds(rb.forwardSteps())).isEqualTo(Map.of("manual", 6L, "check", 1L, "shell", 10L, "gate", 1L));
        assertThat(kinds(rb.rollbackSteps())).isEqualTo(Map.of("shell", 1L));
        assertThat(rb.forwardSteps().stream().map(Step::id).toList()).containsExactly(
                "prerequisites-1", "prerequisites-2", "prerequisites-3", "prerequisites-4", "prerequisites-5",
                "prerequisites-6", "prerequisites-7",
                "step-1-verify-release-commit", "step-2-create-and-push-release-tag",
                "step-3-confirm-build-pipeline-triggered", "step-4-verify-staged-artifact",
                "step-5-run-staging-smoke-test", "step-6-promote-to-production-gate-human-1",
                "step-6-promote-to-production-gate-human-2", "step-7-stop-old-and-start-new-on-production",
                "step-8-verify-production-health", "step-9-record-release-in-issue-tracker", "verification");
    }

    @Test
    void agent_runbook_uat_item_is_a_check_but_a_file_name_is_not_a_command() {
        Runbook rb = load("agent-release-runbook.md");
        assertThat(step(rb, "prerequisites-4").action())
                .isEqualTo(new Action.Check("UAT suite passing: npm run uat (or project equivalent)", "npm run uat"));
        assertThat(step(rb, "prerequisites-3").action()).isInstanceOf(Action.Manual.class);
    }

    @Test
    void agent_runbook_steps_one_to_nine_are_shell_with_expected_output() {
        Runbook rb = load("agent-release-runbook.md");
        List<Step> procedure = rb.steps().stream().filter(s -> s.section().equals("Procedure") && s.kind().equals("shell")).toList();
        assertThat(procedure).hasSize(9);
        assertThat(procedure).allSatisfy(s -> assertThat(((Action.Shell) s.action()).expected()).isNotNull());
        Action.Shell first = (Action.Shell) procedure.get(0).action();
        assertThat(first.scriptLine()).isEqualTo(33);
        assertThat(first.script()).startsWith("# Confirm version bump").endsWith("grep '\"version\"' package.json");
        assertThat(first.expected()).isEqualTo(new Expectation(List.of("No diff output (clean tree)",
                "Recent commits showing changelog + version bump", "\"version\": \"{version}\""), 42));
        Action.Shell health = (Action.Shell) step(rb, "step-8-verify-production-health").action();
        assertThat(health.expected().lines()).containsExactly("{\"status\": \"ok\", \"version\": \"v{version}\"}");
    }

    @Test
    void agent_runbook_step_six_is_a_gate_then_a_shell_step() {
        Runbook rb = load("agent-release-runbook.md");
        Step gate = step(rb, "step-6-promote-to-production-gate-human-1");
        assertThat(gate.action()).isEqualTo(new Action.Gate("step-6-promote-to-production-gate-human-authorization-required",
                "GATE: Agent must pause here and confirm with the operator before proceeding. Production deployment is irreversible until rollback is executed."));
        assertThat(gate.line()).isEqualTo(130);
        assertThat(step(rb, "step-6-promote-to-production-gate-human-2").kind()).isEqualTo("shell");
    }

    @Test
    void agent_runbook_verification_is_shell_and_rollback_is_a_rollback_shell_step() {
        Runbook rb = load("agent-release-runbook.md");
        Action.Shell v = (Action.Shell) step(rb, "verification").action();
        assertThat(v.expected().lines()).hasSize(3);
        Step rollback = step(rb, "rollback");
        assertThat(rollback.rollback()).isTrue();
        assertThat(((Action.Shell) rollback.action()).script()).contains("PREV_VERSION=\"{previous-version}\"");
        assertThat(rb.sections().stream().filter(s -> s.title().equals("Rollback")).findFirst().orElseThrow().notes())
                .containsExactly("After rollback, open a postmortem issue linking to this runbook and the pipeline incident template.");
    }

    @Test
    void agent_runbook_informational_sections_produce_nothing() {
        Runbook rb = load("agent-release-runbook.md");
        Map<String, Section.Role> roles = rb.sections().stream().collect(Collectors.toMap(Section::title, Section::role));
        assertThat(roles).containsEntry("Troubleshooting", Section.Role.INFORMATIONAL)
                .containsEntry("Agent Rules", Section.Role.INFORMATIONAL)
                .containsEntry("Audit Trail", Section.Role.INFORMATIONAL)
                .containsEntry("System Topology", Section.Role.INFORMATIONAL)
                .containsEntry("Rollback", Section.Role.ROLLBACK);
        assertThat(rb.steps()).noneMatch(s -> List.of("Troubleshooting", "Agent Rules", "Audit Trail", "System Topology", "Purpose")
                .contains(s.section()));
        // ":latest" appears only in Agent Rules, which is not linted.
        assertThat(warnings(rb)).noneMatch(w -> w.contains("latest"));
    }

    @Test
    void agent_runbook_variables_are_implicitly_declared_with_one_warning_each() {
        Runbook rb = load("agent-release-runbook.md");
        assertThat(rb.front().vars().keySet()).containsExactly("version", "owner", "project", "registry",
                "artifact-manifest-path", "staging-host", "staging-port", "smoke-test-command", "production-host",
                "production-port", "previous-version");
        assertThat(rb.front().vars().values()).allMatch(FrontMatter.VarSpec::required);
        assertThat(warnings(rb)).contains(
                "10:29: variable \"version\" is used but never declared; it will be required at run time",
                "71:53: variable \"project\" is used but never declared; it will be required at run time",
                "130:1: gate \"step-6-promote-to-production-gate-human-authorization-required\" has no approval policy; any one person may approve",
                "161:1: expected output has no literal text to match; any output passes",
                "11:7: check item \"package.json (or equivalent) version bumped to {version}\" is treated as a manual task: "
                        + "inline code `package.json` names a file, not a command; a person confirms it");
        assertThat(warnings(rb)).hasSize(14);
    }

    @Test
    void template_smoke_table_gives_two_critical_http_checks_and_four_manual_ones() {
        Runbook rb = load("release-runbook-template.md");
        List<Step> smoke = rb.steps().stream().filter(s -> s.section().equals("5. Smoke Tests")).toList();
        assertThat(kinds(smoke)).isEqualTo(Map.of("http", 2L, "manual", 4L));
        assertThat(smoke.get(0).action()).isEqualTo(new Action.Http("GET", "/health", Map.of(), null,
                new Action.HttpExpectation(200, Map.of(), null, null), "critical"));
        assertThat(smoke.get(0).title()).isEqualTo("Health check endpoint returns 200");
        assertThat(smoke.get(0).policy().onFailure()).isEqualTo(StepPolicy.OnFailure.ROLLBACK);
        assertThat(smoke.get(2).action()).isEqualTo(new Action.Http("GET", "/api/v1/...", Map.of(), null,
                new Action.HttpExpectation(200, Map.of(), null, null), "critical"));
        assertThat(smoke.get(3).action()).isEqualTo(new Action.Manual("Background job processor is running: Job queue draining", List.of()));
        assertThat(smoke.get(3).policy().onFailure()).isEqualTo(StepPolicy.OnFailure.ASK);
    }

    @Test
    void template_plain_build_block_yields_three_manual_tasks() {
        Runbook rb = load("release-runbook-template.md");
        List<Step> build = rb.steps().stream().filter(s -> s.section().equals("3. Build Steps")).toList();
        assertThat(build.stream().map(Step::title).toList()).containsExactly("Step 1: Tag the release",
                "Step 2: Trigger CI/CD build", "Step 3: Verify build artifacts",
                "Container image", "Database migration", "Static assets (if any)");
        assertThat(build.get(0).action()).isEqualTo(new Action.Manual("Step 1: Tag the release",
                List.of("$ git tag -a vX.Y.Z -m \"Release vX.Y.Z\"", "$ git push origin vX.Y.Z")));
        assertThat(build.get(3).action()).isEqualTo(new Action.Manual("Container image", List.of("Expected Hash / Version: sha256:...")));
        assertThat(warnings(rb)).contains("61:1: code block without a language is read as 3 manual tasks; mark commands as ```bash");
    }

    @Test
    void template_counts_by_kind_forward_and_rollback() {
        Runbook rb = load("release-runbook-template.md");
        assertThat(kinds(rb.forwardSteps())).isEqualTo(Map.of("manual", 48L, "http", 2L));
        assertThat(kinds(rb.rollbackSteps())).isEqualTo(Map.of("manual", 8L));
        assertThat(rb.rollbackSteps().get(0).title()).isEqualTo("Step 1: Announce rollback in the operations channel.");
        Map<String, Section.Role> roles = rb.sections().stream().collect(Collectors.toMap(Section::title, Section::role));
        assertThat(roles).containsEntry("1. Release Information", Section.Role.INFORMATIONAL)
                .containsEntry("8. Communication Plan", Section.Role.INFORMATIONAL)
                .containsEntry("9. Incident Contacts", Section.Role.INFORMATIONAL)
                .containsEntry("Metadata", Section.Role.INFORMATIONAL)
                .containsEntry("6. Rollback Procedure", Section.Role.ROLLBACK);
        assertThat(warnings(rb)).contains(
                "139:1: request \"GET /health\" has a relative URL but no base_url variable is declared");
    }

    @Test
    void release_management_deployment_steps_are_four_manual_tasks_with_details() {
        Runbook rb = load("release-management-runbook.md");
        List<Step> deploy = rb.steps().stream().filter(s -> s.section().equals("Deployment Steps (Release Day)")).toList();
        assertThat(deploy.stream().map(Step::title).toList())
                .containsExactly("Go/No-Go (09:30 IST)", "Backend Services", "Frontend Applications", "Verification");
        assertThat(deploy.get(0).action()).isEqualTo(new Action.Manual("Go/No-Go (09:30 IST)",
                List.of("RM checks readiness with squad reps and SRE.", "Sign-off recorded in release ticket.")));
        assertThat(kinds(rb.forwardSteps())).isEqualTo(Map.of("manual", 15L));
        assertThat(rb.rollbackSteps()).isEmpty();
        assertThat(warnings(rb)).containsExactly(
                "20:32: check item \"Release notes drafted in docs/changelog.md under new entry.\" is treated as a manual task: "
                        + "inline code `docs/changelog.md` names a file, not a command; a person confirms it",
                "38:4: text asks to monitor for 15 minutes but no wait or observe directive makes it a timed step",
                "48:14: check item \"Update docs/changelog.md with final notes, including featur…\" is treated as a manual task: "
                        + "inline code `docs/changelog.md` names a file, not a command; a person confirms it",
                "50:1: text asks to monitor for 24 hours but no wait or observe directive makes it a timed step",
                "59:1: rollback section \"Rollback Procedure\" has no steps; its text is shown as notes only");
    }

    @Test
    void parsing_the_same_source_twice_gives_the_same_runbook() {
        Runbook rb = load("agent-release-runbook.md");
        assertThat(RunbookLoader.parse(rb.file(), rb.source())).isEqualTo(rb);
    }
}
