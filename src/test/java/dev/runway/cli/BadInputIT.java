package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad runbooks and bad arguments: each is refused with exit 2 and one exact message, and none
 * of them leaves a run behind. The home holds two finished runs so that run ids can be wrong
 * in every way (unknown, ambiguous, finished).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    private static final String STEP = "# T\n\n## S\n\n### A\n\n";
    private static final String ECHO = "```bash\necho hi\n```\n";

    @TempDir static Path dir;
    RunwayProcess runway;
    String done;
    List<String> before;

    @BeforeAll
    void twoFinishedRuns() throws IOException {
        runway = new RunwayProcess(dir.resolve("home"), dir);
        write("ok.md", STEP + ECHO);
        write("vars.md", "---\nvars:\n  version: { required: true, pattern: '^\\d+\\.\\d+\\.\\d+$' }\n---\n" + STEP + "```bash\necho {version}\n```\n");
        write("badyaml.md", "---\nvars: [unclosed\n---\n" + STEP + ECHO);
        write("dupkey.md", "---\nvars: { a: { required: true } }\nvars: { b: {} }\n---\n" + STEP + ECHO);
        write("unknownkey.md", STEP + "```runway\nfrobnicate: true\n```\n\n" + ECHO);
        write("undeclared.md", STEP + "```bash\necho {nope}\n```\n");
        write("unterminated.md", STEP + "```bash\necho hi\n");
        Files.write(dir.resolve("nonutf8.md"), new byte[] {'#', ' ', 'T', (byte) 0xff, (byte) 0xfe, '\n'});
        write("empty.md", "");
        write("dupid.md", STEP + "```runway\nid: x\n```\n\n" + ECHO + "\n### B\n\n```runway\nid: x\n```\n\n" + ECHO);
        write("baddur.md", STEP + "```runway\ntimeout: 5 parsecs\n```\n\n" + ECHO);
        write("badpolicy.md", STEP + "```runway\non_failure: explode\n```\n\n" + ECHO);
        write("badretry.md", STEP + "```runway\nretry: { attempts: 0, delay: 1s }\n```\n\n" + ECHO);
        write("listdirective.md", STEP + "```runway\n- a\n- b\n```\n\n" + ECHO);
        write("badrole.md", "---\napprovals:\n  production: { roles: [relase-manager] }\n---\n" + STEP + ECHO);
        write("agentonly.md", "---\napprovals:\n  production: { roles: [agent] }\n---\n" + STEP + ECHO);
        write("fewusers.md", "---\napprovals:\n  production: { users: [bob, bob], count: 2 }\n---\n" + STEP + ECHO);
        write("misnamedgate.md", "---\napprovals:\n  production: { roles: [approver] }\n---\n" + STEP + "```runway\ngate: prodction\n```\n");
        write("misnamedgate.yaml", "title: T\napprovals:\n  production: { users: [ana] }\nsteps:\n  - gate: prodction\n");
        write("secret.md", "---\nsecrets: [NOT_SET_ANYWHERE_42]\n---\n" + STEP + ECHO);
        assertThat(runway.run("run", "ok.md").exit()).isZero();
        done = runway.run("run", "ok.md", "--json").runId();
        before = runIds();
    }

    @AfterAll
    void badInputNeverCreatedARun() {
        assertThat(runIds()).isEqualTo(before);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private List<String> runIds() {
        return runway.run("history", "--json").json().findValuesAsText("run");
    }

    static Stream<Arguments> runbookProblems() {
        return Stream.of(
                Arguments.of("badyaml.md", "badyaml.md:2:16: error: invalid YAML in front matter: expected ',' or ']', but got <stream end>"),
                Arguments.of("dupkey.md", "dupkey.md:3:1: error: invalid YAML in front matter: duplicate key \"vars\" (first at line 2)"),
                Arguments.of("unknownkey.md", "unknownkey.md:8:1: error: unknown directive key \"frobnicate\" (known: body, expect, gate, "
                        + "headers, http, id, idempotent, manual, observe, on_failure, retry, rules, severity, timeout, wait)"),
                Arguments.of("unterminated.md", "unterminated.md:7:1: error: unterminated code fence opened here"),
                Arguments.of("nonutf8.md", "nonutf8.md:1:4: error: file is not valid UTF-8 (byte 0xff)"),
                Arguments.of("empty.md", "empty.md:1:1: error: runbook is empty"),
                Arguments.of("dupid.md", "dupid.md:18:5: error: duplicate step id \"x\" (first at line 8)"),
                Arguments.of("baddur.md", "baddur.md:8:10: error: invalid duration \"5 parsecs\" for \"timeout\" (use e.g. 30s, 10m, 1h)"),
                Arguments.of("badpolicy.md", "badpolicy.md:8:13: error: invalid value \"explode\" for \"on_failure\" (use ask, rollback, abort or continue)"),
                Arguments.of("badretry.md", "badretry.md:8:20: error: invalid value \"0\" for \"retry.attempts\" (use a whole number of at least 1)"),
                Arguments.of("listdirective.md", "listdirective.md:7:1: error: runway directive must be a mapping of keys to values"),
                Arguments.of("badrole.md", "badrole.md:3:25: error: unknown role \"relase-manager\" in approval \"production\" (known: "
                        + "viewer, operator, approver, release-manager, admin, agent); did you mean \"release-manager\"?"),
                Arguments.of("agentonly.md", "agentonly.md:3:24: error: approval \"production\" can never pass: its only role is agent, "
                        + "which may never approve a gate (name another role or users)"),
                Arguments.of("fewusers.md", "fewusers.md:3:43: error: approval \"production\" can never pass: it needs 2 different people "
                        + "to approve, but only 1 user may (bob)"),
                Arguments.of("misnamedgate.md", "misnamedgate.md:12:7: error: gate \"prodction\" names no declared approval policy "
                        + "(declared: production) and there is no approvals.default, so any one person could approve it; did you mean \"production\"?"),
                Arguments.of("misnamedgate.yaml", "misnamedgate.yaml:5:11: error: gate \"prodction\" names no declared approval policy "
                        + "(declared: production) and there is no approvals.default, so any one person could approve it; did you mean \"production\"?"),
                Arguments.of("missing.md", "missing.md:1:1: error: file not found"));
    }

    @ParameterizedTest(name = "run {0}")
    @MethodSource("runbookProblems")
    void run_refuses_a_broken_runbook(String file, String message) {
        expectRefusal(message, "run", file, "--no-wait");
    }

    @ParameterizedTest(name = "lint {0}")
    @MethodSource("runbookProblems")
    void lint_reports_a_broken_runbook(String file, String message) {
        RunwayProcess.Result lint = runway.run("lint", file);
        assertThat(lint.exit()).as(lint.toString()).isEqualTo(2);
        assertThat(lint.stdout().strip()).isEqualTo(message);
        assertThat(lint.stderr().strip()).isEqualTo("1 file: 1 error, 0 warnings");
    }

    List<Arguments> argumentProblems() {
        String ambiguous = before.get(0).substring(0, 4);
        return List.of(
                Arguments.of(List.of("run", "undeclared.md", "--no-wait"), "undeclared.md:8:6: error: missing required variable \"nope\" (pass --var nope=…)"),
                Arguments.of(List.of("run", "secret.md", "--no-wait"), "secret.md:2:11: error: secret \"NOT_SET_ANYWHERE_42\" is not set in the environment"),
                Arguments.of(List.of("run", "vars.md", "--var", "version"), "runway: --var needs NAME=VALUE, got \"version\""),
                Arguments.of(List.of("run", "vars.md", "--var", "version=1.2.3", "--var", "colour=red"), "vars.md:1:1: error: unknown variable \"colour\" (declared: version)"),
                Arguments.of(List.of("run", "vars.md", "--var", "version=1.2"), "vars.md:3:3: error: variable \"version\" = \"1.2\" does not match pattern ^\\d+\\.\\d+\\.\\d+$"),
                Arguments.of(List.of("run", "vars.md"), "vars.md:3:3: error: missing required variable \"version\" (pass --var version=…)"),
                Arguments.of(List.of("run", "vars.md", "--var", "version=1.2.3", "--var", "version=1.2.4"), "runway: --var version is given twice"),
                Arguments.of(List.of("decide", done, "frobnicate"), "runway: unknown choice \"frobnicate\" (choose retry, skip, rollback or abort)"),
                Arguments.of(List.of("decide", done, "retry"), "runway: run " + done + " is succeeded, not waiting for a decision"),
                Arguments.of(List.of("status", "nosuchrun"), "runway: no run nosuchrun in " + runway.home()),
                Arguments.of(List.of("approve", "nosuchrun", "--as", "bob"), "runway: no run nosuchrun in " + runway.home()),
                Arguments.of(List.of("resume", "nosuchrun"), "runway: no run nosuchrun in " + runway.home()),
                // candidates listed newest first, as history lists them
                Arguments.of(List.of("status", ambiguous), "runway: run prefix " + ambiguous + " is ambiguous: " + String.join(", ", before)),
                Arguments.of(List.of("approve", done, "--as", "bob"), "runway: cannot approve: run " + done + " is succeeded, not waiting for an approval"),
                Arguments.of(List.of("confirm", done), "runway: cannot confirm: run " + done + " is succeeded, not waiting for a manual confirmation"),
                Arguments.of(List.of("logs", done, "--step", "nope"), "runway: run " + done + " has no step \"nope\""),
                Arguments.of(List.of("report", done, "--format", "pdf"), "runway: unknown report format \"pdf\" (use md, html or json)"),
                Arguments.of(List.of("audit", "frobnicate"), "runway: unknown audit action \"frobnicate\" (use: runway audit verify)"),
                Arguments.of(List.of("history", "--limit", "0"), "runway: --limit must be at least 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("argumentProblems")
    void bad_arguments_are_refused(List<String> args, String message) {
        expectRefusal(message, args.toArray(String[]::new));
    }

    @Test
    void a_home_that_is_a_file_or_holds_a_file_that_is_not_a_database_is_one_clear_line_and_exit_2() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-home"), "just a file\n");
        Path corrupt = Files.createDirectories(dir.resolve("corrupt-home"));
        Files.writeString(corrupt.resolve("runway.db"), "garbage, not SQLite\n");

        RunwayProcess.Result onFile = new RunwayProcess(file, dir).run("run", "ok.md");
        RunwayProcess.Result status = new RunwayProcess(corrupt, dir).run("status");
        RunwayProcess.Result json = new RunwayProcess(corrupt, dir).run("status", "--json");
        RunwayProcess.Result audit = new RunwayProcess(corrupt, dir).run("audit", "verify");

        assertThat(onFile.exit()).isEqualTo(2);
        assertThat(onFile.stderr().strip()).isEqualTo("runway: cannot open the Runway database in " + file + ": it is not a directory");
        String notADatabase = corrupt.resolve("runway.db") + " is not a Runway database (SQLite: file is not a database)";
        for (RunwayProcess.Result r : List.of(status, json, audit)) {
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.stderr().strip()).isEqualTo("runway: " + notADatabase);
        }
        assertThat(json.json().get("error").get("message").asText()).isEqualTo(notADatabase);
        assertThat(Files.readString(corrupt.resolve("runway.db"))).isEqualTo("garbage, not SQLite\n");
    }

    @Test
    void an_unknown_option_is_refused_with_usage() {
        RunwayProcess.Result run = runway.run("run", "ok.md", "--frobnicate");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("Unknown option: '--frobnicate'\nUsage: runway run ");
    }

    private void expectRefusal(String message, String... args) {
        RunwayProcess.Result result = runway.run(args);
        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().strip()).isEqualTo(message);
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void run_with_json_reports_invalid_input_as_json_on_stdout_too() {
        RunwayProcess.Result badVar = runway.run("run", "vars.md", "--var", "version=1.2", "--json");
        assertThat(badVar.exit()).isEqualTo(2);
        var error = badVar.json().get("error");
        assertThat(error.get("exit").asInt()).isEqualTo(2);
        assertThat(error.get("message").asText()).isEqualTo(badVar.stderr().strip());
        assertThat(error.get("diagnostics").get(0).get("file").asText()).endsWith("vars.md");
        assertThat(error.get("diagnostics").get(0).get("line").asInt()).isEqualTo(3);

        RunwayProcess.Result unknownRun = runway.run("status", "no-such-run", "--json");
        assertThat(unknownRun.exit()).isEqualTo(2);
        assertThat(unknownRun.json().get("error").get("message").asText())
                .isEqualTo(unknownRun.stderr().strip().substring("runway: ".length()));

        // Arguments picocli itself refuses get the same answer, and keep their usage on stderr.
        for (String[] args : new String[][] {{"status", "--bogus", "--json"}, {"run", "--json"}, {"history", "--limit", "x", "--json"}}) {
            RunwayProcess.Result refused = runway.run(args);
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
            String first = refused.stderr().lines().findFirst().orElseThrow();
            assertThat(refused.json().get("error").get("exit").asInt()).isEqualTo(2);
            assertThat(refused.json().get("error").get("message").asText()).as(String.join(" ", args)).isEqualTo(first);
            assertThat(refused.stderr()).contains("Usage: runway " + args[0]);
        }
    }
}
