package dev.runway.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.runbook.RunbookLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The orders the engine walks: forward, rollback, the step after another, and where production starts. */
class PlanOrderTest {

    static Plan plan(String front, String body) {
        var rb = RunbookLoader.parse("r.md", "---\n" + front + "---\n# R\n\n" + body);
        assertThat(rb.hasErrors()).as(rb.diagnostics().toString()).isFalse();
        BindResult bound = Binder.bind(rb, Map.of(), Map.of(), true);
        assertThat(bound.ok()).as(bound.errors().toString()).isTrue();
        return bound.plan();
    }

    static final String BODY = """
            ## Staging

            ### build

            ```bash
            true
            ```

            ## Production rollout

            ### promote

            ```bash
            true
            ```

            ### verify

            ```bash
            true
            ```

            ## Rollback

            ### restore

            ```bash
            true
            ```

            ### check restore

            ```bash
            true
            ```
            """;

    @Test
    void the_step_after_another_stays_within_its_own_order() {
        Plan plan = plan("title: r\n", BODY);
        assertThat(plan.forward()).extracting(PlannedStep::id).containsExactly("build", "promote", "verify");
        assertThat(plan.rollback()).extracting(PlannedStep::id).containsExactly("restore", "check-restore");
        assertThat(plan.after("build").id()).isEqualTo("promote");
        assertThat(plan.after("verify")).as("the last forward step is not followed by the rollback plan").isNull();
        assertThat(plan.after("restore").id()).isEqualTo("check-restore");
        assertThat(plan.after("check-restore")).isNull();
    }

    @Test
    void production_starts_at_the_named_section_else_the_first_mentioning_production_else_the_first_step() {
        assertThat(plan("title: r\n", BODY).productionStart().id()).isEqualTo("promote");
        assertThat(plan("title: r\nproduction_from: Staging\n", BODY).productionStart().id()).isEqualTo("build");
        assertThat(plan("title: r\n", BODY.replace("Production rollout", "Rollout")).productionStart().id()).isEqualTo("build");
    }

    @Test
    void an_unknown_step_id_is_named_in_the_error() {
        Plan plan = plan("title: r\n", BODY);
        assertThat(plan.step("verify").id()).isEqualTo("verify");
        assertThatThrownBy(() -> plan.step("nope")).hasMessage("no step \"nope\" in r.md");
    }
}
