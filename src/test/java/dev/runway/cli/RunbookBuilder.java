package dev.runway.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Markdown runbooks for end-to-end tests, written the way people write them:
 * {@code aRunbook("Release").section("Deploy").withShellStep("Ship", "echo shipped").writeTo(dir)}.
 */
final class RunbookBuilder {

    private final String title;
    private final StringBuilder front = new StringBuilder();
    private final StringBuilder body = new StringBuilder();

    private RunbookBuilder(String title) {
        this.title = title;
    }

    static RunbookBuilder aRunbook(String title) {
        return new RunbookBuilder(title);
    }

    /** One line of YAML front matter, e.g. {@code "secrets: [DEPLOY_TOKEN]"}. */
    RunbookBuilder front(String yamlLine) {
        front.append(yamlLine).append('\n');
        return this;
    }

    RunbookBuilder section(String name) {
        body.append("## ").append(name).append("\n\n");
        return this;
    }

    RunbookBuilder rollback() {
        return section("Rollback");
    }

    RunbookBuilder step(String heading) {
        body.append("### ").append(heading).append("\n\n");
        return this;
    }

    RunbookBuilder withShellStep(String heading, String script) {
        return step(heading).shell(script);
    }

    /** A step with a {@code runway} directive block before its commands. */
    RunbookBuilder withShellStep(String heading, String directive, String script) {
        return step(heading).directive(directive).shell(script);
    }

    RunbookBuilder shell(String script) {
        return fenced("bash", script);
    }

    RunbookBuilder directive(String yaml) {
        return fenced("runway", yaml);
    }

    RunbookBuilder expectedOutput(String text) {
        body.append("**Expected output:**\n\n");
        return fenced("", text);
    }

    RunbookBuilder withGate(String heading, String policy) {
        return step(heading).directive("gate: " + policy);
    }

    /** A section "Production": gate "approve" (policy production), then shell step "deploy", which echoes "deployed". */
    RunbookBuilder withGatedDeploy() {
        return section("Production").withGate("Approve", "production").withShellStep("Deploy", "echo deployed");
    }

    /** A task-list item; with an inline command it is a check, without one a person confirms it. */
    RunbookBuilder task(String text) {
        body.append("- [ ] ").append(text).append("\n\n");
        return this;
    }

    private RunbookBuilder fenced(String info, String text) {
        body.append("```").append(info).append('\n').append(text.endsWith("\n") ? text : text + "\n").append("```\n\n");
        return this;
    }

    String markdown() {
        String matter = front.isEmpty() ? "" : "---\n" + front + "---\n";
        return matter + "# " + title + "\n\n" + body;
    }

    Path writeTo(Path dir) {
        return writeTo(dir, "runbook.md");
    }

    Path writeTo(Path dir, String fileName) {
        try {
            Path file = dir.resolve(fileName);
            Files.writeString(file, markdown());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
