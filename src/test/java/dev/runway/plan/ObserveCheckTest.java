package dev.runway.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.runbook.Diagnostic;
import dev.runway.runbook.Runbook;
import dev.runway.runbook.RunbookLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run does not start with an observe step that could not watch what it says. */
class ObserveCheckTest {

    static Runbook runbook(String front, String rules) {
        return RunbookLoader.parse("deploy.md", "---\nvars:\n  base_url: { default: 'http://127.0.0.1:8080' }\n  prom: { required: false }\n"
                + front + "---\n# R\n\n## Verify\n\n### Watch\n\n```runway\nobserve: 5m\nrules: " + rules + "\n```\n");
    }

    @Test
    void a_well_formed_observe_step_binds() {
        Runbook rb = runbook("monitors:\n  health: { probe: 'GET {base_url}/health' }\ntriggers:\n  - health.latency_p99 > 2s for 3m\n",
                "[health.error_rate > 1% for 2m min 20 requests]");
        assertThat(Binder.bind(rb, Map.of(), Map.of(), true).errors()).isEmpty();
    }

    @Test
    void bad_rules_triggers_and_monitors_are_located_errors() {
        Runbook rb = runbook("monitors:\n  health: { probe: 'GET {base_url}/health', every: often }\n"
                + "  errors: { prometheus: 'sum(x)', url: '{prom}' }\ntriggers:\n  - health.p99 > 2s\n",
                "['errors >', 'queue > 5']");
        assertThat(rb.hasErrors()).isFalse();
        assertThat(Binder.bind(rb, Map.of(), Map.of(), true).errors()).extracting(Diagnostic::format).containsExactly(
                "deploy.md:5:1: error: monitor \"health\" has every: often; use e.g. 1s, 30s",
                "deploy.md:5:1: error: monitor \"errors\" has url: \"\"; give the Prometheus server, e.g. http://127.0.0.1:9090",
                "deploy.md:8:1: error: trigger: rule \"health.p99 > 2s\" uses the unknown field \"p99\" (fields: error_rate, "
                        + "latency_p50, latency_p95, latency_p99, up, value) (write e.g. errors > 1% for 2m)",
                "deploy.md:17:1: error: step \"watch\": rule \"errors >\" is missing a value (write e.g. errors > 1% for 2m)",
                "deploy.md:17:1: error: step \"watch\": rule \"queue > 5\" reads the monitor \"queue\", which front matter monitors: "
                        + "does not declare (declared: health, errors)");
    }

    @Test
    void triggers_are_checked_without_any_observe_step_because_they_are_armed_during_ordinary_steps() {
        Runbook rb = RunbookLoader.parse("r.md", "---\ntriggers: oops\n---\n# R\n\n## Deploy\n\n```bash\ntrue\n```\n");
        assertThat(Binder.bind(rb, Map.of(), Map.of(), true).errors()).extracting(Diagnostic::format)
                .containsExactly("r.md:2:1: error: triggers: must be a list of rules, e.g. [health.error_rate > 1% for 2m]");
    }

    @Test
    void runbooks_without_observe_steps_or_triggers_are_not_checked_here() {
        Runbook rb = RunbookLoader.parse("r.md", "---\nmonitors: oops\n---\n# R\n\n## Deploy\n\n```bash\ntrue\n```\n");
        assertThat(Binder.bind(rb, Map.of(), Map.of(), true).errors()).isEmpty();
    }

    @Test
    void lint_checks_rules_and_declarations_but_not_what_depends_on_values() {
        Runbook rb = runbook("monitors:\n  health: { probe: 'GET {base_url}/health', every: often }\n"
                + "  errors: { prometheus: 'sum(x)', url: '{prom}' }\n", "['errors >', 'health.up < 1']");
        assertThat(ObserveCheck.lint(rb)).extracting(Diagnostic::format).containsExactly(
                "deploy.md:5:1: error: monitor \"health\" has every: often; use e.g. 1s, 30s",
                "deploy.md:15:1: error: step \"watch\": rule \"errors >\" is missing a value (write e.g. errors > 1% for 2m)");
    }
}
