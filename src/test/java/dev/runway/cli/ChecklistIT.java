package dev.runway.cli;

import static dev.runway.cli.RunbookBuilder.aRunbook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checklist items through the real binary: a script in inline code is run, never confirmed on its behalf. */
class ChecklistIT {

    @TempDir Path dir;

    @Test
    void a_script_in_a_checklist_item_runs_even_with_confirm_manual() throws IOException {
        Path script = dir.resolve("check.sh");
        Files.writeString(script, "#!/bin/sh\ntouch checked\nexit 3\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        aRunbook("Checks").section("Pre").task("c: `./check.sh`").writeTo(dir);
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);

        RunwayProcess.Result run = runway.run("run", "runbook.md", "--confirm-manual", "--no-wait", "--json");

        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        JsonNode step = run.json().get("steps").get(0);
        assertThat(step.get("status").asText()).isEqualTo("failed");
        assertThat(step.get("detail").asText()).isEqualTo("exit 3");
        assertThat(dir.resolve("checked")).exists();
    }
}
