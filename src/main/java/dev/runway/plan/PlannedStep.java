package dev.runway.plan;

import dev.runway.runbook.Action;
import dev.runway.runbook.Step;
import dev.runway.verify.ExpectedOutput;
import java.util.Map;

/**
 * A step with its texts bound, in two forms: {@code bound} for the executors and {@code shown}
 * for people. Views ({@code plan}, the web pages) read only {@code shown}, so a secret's value
 * cannot reach them by way of a field that happened to hold it.
 *
 * @param bound    the step's action with variables applied: shell scripts and check commands
 *                 refer to variables through environment variables ({@code "${RUNWAY_VAR_x}"}),
 *                 never by pasting values; URLs, headers and bodies carry the real values,
 *                 secrets included, because a request needs them
 * @param expected compiled expected output, or null
 * @param shown    the same step as a person should read it
 */
public record PlannedStep(Step step, Action bound, ExpectedOutput expected, Shown shown) {

    /**
     * A step as it is shown. Secrets are {@code ***} everywhere; other variables are filled in
     * where Runway itself substitutes them (URLs, headers, texts) and stay environment
     * references in commands, which is how the shell receives them.
     *
     * @param title   the step's title, variables filled in
     * @param action  the action with the same substitutions
     * @param command the command exactly as it runs (shell, check) or the request line (http);
     *                null for other steps
     * @param env     for commands: each environment variable the command reads, in order, with
     *                the value it will hold ({@code ***} for a secret, null while unbound)
     */
    public record Shown(String title, Action action, String command, Map<String, String> env) {}

    /** A step that binds nothing, such as the engine's own window over the triggers. */
    public static PlannedStep unbound(Step step) {
        return new PlannedStep(step, step.action(), null, new Shown(step.title(), step.action(), null, Map.of()));
    }

    public String id() {
        return step.id();
    }

    /** The command as {@link Shown#command()} gives it; null for steps without one. */
    public String display() {
        return shown.command();
    }
}
