package dev.runway.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.plan.BindResult;
import dev.runway.plan.Binder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed runbook yields one exact, located error; nothing throws. */
class MalformedRunbookTest {
    @TempDir
    static Path dir;

    static final String DEPLOY = "# T\n## Deploy\n```bash\nmake\n```\n";

    static Stream<Arguments> runbooks() {
        return Stream.of(
                Arguments.of("bad front matter YAML", "a.md", "---\nrunbook: x\nvars: [unclosed\n---\n# T\n",
                        "3:16: error: invalid YAML in front matter: expected ',' or ']', but got <stream end>"),
                Arguments.of("unterminated front matter", "a.md", "---\nrunbook: x\n# T\n",
                        "1:1: error: front matter opened here is never closed (add a line \"---\" after it)"),
                Arguments.of("front matter not a mapping", "a.md", "---\n- a\n- b\n---\n# T\n",
                        "2:1: error: front matter must be a mapping of keys to values, not a list"),
                Arguments.of("unknown directive key", "a.md", DEPLOY + "```runway\nretries: 3\n```\n",
                        "7:1: error: unknown directive key \"retries\" (known: body, expect, gate, headers, http, id, idempotent, manual, observe, on_failure, retry, rules, severity, timeout, wait)"),
                Arguments.of("bad directive YAML", "a.md", DEPLOY + "```runway\nwait: [10m\n```\n",
                        "7:11: error: invalid YAML in runway directive: expected ',' or ']', but got <stream end>"),
                Arguments.of("directive not a mapping", "a.md", DEPLOY + "```runway\n- wait\n```\n",
                        "6:1: error: runway directive must be a mapping of keys to values"),
                Arguments.of("bad duration", "a.md", DEPLOY + "```runway\nwait: 10 minutes\n```\n",
                        "7:7: error: invalid duration \"10 minutes\" for \"wait\" (use e.g. 30s, 10m, 1h)"),
                Arguments.of("duration without unit", "a.md", DEPLOY + "```runway\ntimeout: 30\n```\n",
                        "7:10: error: invalid duration \"30\" for \"timeout\" (use e.g. 30s, 10m, 1h)"),
                Arguments.of("zero timeout", "a.md", DEPLOY + "```runway\ntimeout: 0s\n```\n",
                        "7:10: error: timeout must be longer than 0s (it would fail every step that takes any time at all)"),
                Arguments.of("bad on_failure", "a.md", DEPLOY + "```runway\non_failure: sometimes\n```\n",
                        "7:13: error: invalid value \"sometimes\" for \"on_failure\" (use ask, rollback, abort or continue)"),
                Arguments.of("bad idempotent", "a.md", DEPLOY + "```runway\nidempotent: maybe\n```\n",
                        "7:13: error: invalid value \"maybe\" for \"idempotent\" (use true or false)"),
                Arguments.of("retry attempts 0", "a.md", DEPLOY + "```runway\nretry: { attempts: 0, delay: 2s }\n```\n",
                        "7:20: error: invalid value \"0\" for \"retry.attempts\" (use a whole number of at least 1)"),
                Arguments.of("retry 0", "a.md", DEPLOY + "```runway\nretry: 0\n```\n",
                        "7:8: error: invalid value \"0\" for \"retry\" (use a whole number of at least 1)"),
                Arguments.of("two actions in a directive", "a.md", DEPLOY + "```runway\nwait: 1m\ngate: prod\n```\n",
                        "8:1: error: more than one action in one directive: wait, gate"),
                Arguments.of("expect without http", "a.md", DEPLOY + "```runway\nwait: 1m\nexpect: { status: 200 }\n```\n",
                        "8:1: error: \"expect\" needs \"http\" in the same block"),
                Arguments.of("http without URL", "a.md", DEPLOY + "```runway\nhttp: GET\n```\n",
                        "7:7: error: invalid value \"GET\" for \"http\" (use \"METHOD URL\", e.g. \"GET https://example.com/health\")"),
                Arguments.of("bad http method", "a.md", DEPLOY + "```runway\nhttp: FETCH /x\n```\n",
                        "7:7: error: invalid HTTP method \"FETCH\" for \"http\" (use GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS)"),
                Arguments.of("id for several commands", "a.md", "# T\n## Deploy\n- [ ] run `make test`\n```bash\nmake\n```\n```runway\nid: build\n```\n",
                        "8:5: error: directive id \"build\" needs exactly one command or check in \"Deploy\", found 2"),
                Arguments.of("undeclared variable", "a.md", "---\nvars:\n  version: {}\n---\n# T\n## Release\n### Migrate\n```bash\necho {version}\npsql  {db_url}\n```\n",
                        "10:7: error: step \"migrate\" uses undeclared variable \"db_url\""),
                Arguments.of("undeclared variable in the title", "a.md", "---\nvars:\n  v: {}\n---\n# T {project}\n## S\n```bash\necho {v}\n```\n",
                        "5:5: error: the title uses undeclared variable \"project\""),
                Arguments.of("undeclared variable in a step heading", "a.md", "---\nvars:\n  v: {}\n---\n# T\n## S\n### Deploy {ver}\n```bash\necho {v}\n```\n",
                        "7:12: error: step \"deploy-ver\" uses undeclared variable \"ver\""),
                Arguments.of("duplicate explicit ids", "a.md", "# T\n## A\n```runway\nid: deploy\nwait: 1m\n```\n## B\n```runway\nwait: 2m\nid: deploy\n```\n",
                        "10:5: error: duplicate step id \"deploy\" (first at line 4)"),
                Arguments.of("unterminated fence", "a.md", "# T\n## Deploy\n\n  ```bash\nmake\n",
                        "4:3: error: unterminated code fence opened here"),
                Arguments.of("missing file", "missing.md", null, "1:1: error: file not found"),
                Arguments.of("empty file", "a.md", "", "1:1: error: runbook is empty"),
                Arguments.of("whitespace-only file", "a.md", " \n\t\n\n", "1:1: error: runbook is empty"),
                Arguments.of("invalid regex pattern", "a.md", "---\nvars:\n  v: { pattern: '([' }\n---\n# T\n",
                        "3:17: error: invalid pattern for variable \"v\": Unclosed character class"),
                Arguments.of("unknown var-spec key", "a.md", "---\nvars:\n  v:\n    requried: true\n---\n# T\n",
                        "4:5: error: unknown key \"requried\" in variable \"v\" (known: default, description, pattern, required)"),
                Arguments.of("invalid variable name", "a.md", "---\nvars:\n  9lives: 1\n---\n# T\n",
                        "3:3: error: invalid variable name \"9lives\" (use letters, digits, \"_\", \".\" and \"-\", starting with a letter or \"_\")"),
                Arguments.of("unknown approval key", "a.md", "---\napprovals:\n  production: { role: [sre] }\n---\n# T\n",
                        "3:17: error: unknown key \"role\" in approval \"production\" (known: count, not_initiator, roles, users)"),
                Arguments.of("approval count 0", "a.md", "---\napprovals:\n  production: { roles: [approver], count: 0 }\n---\n# T\n",
                        "3:43: error: invalid value \"0\" for \"count\" (use a whole number of at least 1)"),
                Arguments.of("unknown approval role", "a.md", "---\napprovals:\n  production: { roles: [relase-manager] }\n---\n# T\n",
                        "3:25: error: unknown role \"relase-manager\" in approval \"production\" (known: viewer, operator, approver, release-manager, admin, agent); did you mean \"release-manager\"?"),
                Arguments.of("approval only the agent role could give", "a.md", "---\napprovals:\n  production: { roles: [agent] }\n---\n# T\n",
                        "3:24: error: approval \"production\" can never pass: its only role is agent, which may never approve a gate (name another role or users)"),
                Arguments.of("approval needing more people than its users", "a.md", "---\napprovals:\n  production: { users: [bob], count: 3 }\n---\n# T\n",
                        "3:38: error: approval \"production\" can never pass: it needs 3 different people to approve, but only 1 user may (bob)"),
                Arguments.of("gate naming an undeclared policy", "a.md", "---\napprovals:\n  production: { roles: [approver] }\n---\n# T\n## Go\n```runway\ngate: prodction\n```\n",
                        "8:7: error: gate \"prodction\" names no declared approval policy (declared: production) and there is no approvals.default, so any one person could approve it; did you mean \"production\"?"),
                Arguments.of("bad secret name", "a.md", "---\nsecrets: [DEPLOY_TOKEN, deploy-key]\n---\n# T\n",
                        "2:25: error: invalid secret name \"deploy-key\" (use upper-case letters, digits and \"_\", e.g. DEPLOY_TOKEN)"),
                Arguments.of("bad rollback deadline", "a.md", "---\nrollback_deadline: soon\n---\n# T\n",
                        "2:20: error: invalid duration \"soon\" for \"rollback_deadline\" (use e.g. 30s, 10m, 1h)"),
                Arguments.of("expected output without command", "a.md", "# T\n## Check\n\n*Expected output:*\n\n```\nok\n```\n",
                        "6:1: error: expected output without a command block"),
                Arguments.of("YAML runbook with unknown step key", "r.yaml", "title: T\nsteps:\n  - run: make\n    retries: 3\n",
                        "4:5: error: unknown step key \"retries\" (known: body, check, command, details, expect, gate, headers, http, id, idempotent, manual, notes, observe, on_failure, retry, rules, run, section, severity, timeout, title, wait)"),
                Arguments.of("YAML runbook step with two actions", "r.yml", "title: T\nsteps:\n  - run: make\n    wait: 1m\n",
                        "4:5: error: more than one action in one step: run, wait"),
                Arguments.of("YAML runbook step without action", "r.yml", "title: T\nsteps:\n  - title: nothing\n",
                        "3:5: error: step has no action (use one of: check, gate, http, manual, observe, run, wait)"),
                Arguments.of("YAML runbook with an unknown approval role", "r.yaml", "title: T\napprovals:\n  production: { roles: [relase-manager] }\nsteps:\n  - run: make\n",
                        "3:25: error: unknown role \"relase-manager\" in approval \"production\" (known: viewer, operator, approver, release-manager, admin, agent); did you mean \"release-manager\"?"),
                Arguments.of("YAML runbook gate naming an undeclared policy", "r.yaml", "title: T\napprovals:\n  production: { users: [ana] }\nsteps:\n  - gate: prodction\n",
                        "5:11: error: gate \"prodction\" names no declared approval policy (declared: production) and there is no approvals.default, so any one person could approve it; did you mean \"production\"?"),
                Arguments.of("YAML runbook that is not YAML", "r.yaml", "title: T\nsteps: [\n",
                        "2:9: error: invalid YAML: expected the node content, but found '<stream end>'"),
                Arguments.of("YAML runbook that is a list", "r.yaml", "- run: make\n",
                        "1:1: error: a YAML runbook must be a mapping with title, steps and rollback"));
    }

    static Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        if (content != null) {
            Files.writeString(file, content);
        }
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runbooks")
    void malformed_runbook_gives_an_exact_located_error(String why, String name, String content, String expected) throws IOException {
        Path file = write(why.replaceAll("\\W+", "-") + "-" + name, content);
        Runbook rb = RunbookLoader.load(file);
        assertThat(rb.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format).toList())
                .containsExactly(file + ":" + expected);
    }

    @Test
    void a_directory_is_not_a_runbook() {
        assertThat(RunbookLoader.load(dir).diagnostics()).extracting(Diagnostic::format)
                .containsExactly(dir + ":1:1: error: is a directory, not a runbook file");
    }

    @Test
    void non_utf8_bytes_are_located_at_the_first_bad_byte() throws IOException {
        Path file = dir.resolve("latin1.md");
        byte[] head = "# T\n## Caf".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 2];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xe9;
        bytes[head.length + 1] = '\n';
        Files.write(file, bytes);
        assertThat(RunbookLoader.load(file).diagnostics()).extracting(Diagnostic::format)
                .containsExactly(file + ":2:7: error: file is not valid UTF-8 (byte 0xe9)");
    }

    @Test
    void unknown_front_matter_key_is_only_a_warning() throws IOException {
        Path file = write("warn.md", "---\nrunbok: x\n---\n# T\n");
        assertThat(RunbookLoader.load(file).diagnostics()).extracting(Diagnostic::format).containsExactly(file
                + ":2:1: warning: unknown front matter key \"runbok\" (known: approvals, environment, informational, monitors, notify, on_failure, production_from, rollback_deadline, runbook, secrets, triggers, vars)");
    }

    static final String DECLARED = """
            ---
            vars:
              version: { required: true, pattern: '^\\d+\\.\\d+\\.\\d+$' }
              previous_version: { required: true }
            secrets: [DEPLOY_TOKEN]
            ---
            # T
            ## Deploy
            ```bash
            ./deploy.sh {version} {previous_version}
            ```
            """;

    static Stream<Arguments> bindings() {
        return Stream.of(
                Arguments.of("value failing its pattern", Map.of("version", "1.2", "previous_version", "1.1.0"), Map.of("DEPLOY_TOKEN", "t0ken"),
                        "3:3: error: variable \"version\" = \"1.2\" does not match pattern ^\\d+\\.\\d+\\.\\d+$"),
                Arguments.of("unknown --var", Map.of("version", "1.2.3", "previous_version", "1.1.0", "nope", "x"), Map.of("DEPLOY_TOKEN", "t0ken"),
                        "1:1: error: unknown variable \"nope\" (declared: version, previous_version)"),
                Arguments.of("missing required variable", Map.of("previous_version", "1.1.0"), Map.of("DEPLOY_TOKEN", "t0ken"),
                        "3:3: error: missing required variable \"version\" (pass --var version=…)"),
                Arguments.of("missing secret", Map.of("version", "1.2.3", "previous_version", "1.1.0"), Map.of(),
                        "5:11: error: secret \"DEPLOY_TOKEN\" is not set in the environment"),
                Arguments.of("NUL in a value", Map.of("version", "1.2.3", "previous_version", "1\0"), Map.of("DEPLOY_TOKEN", "t0ken"),
                        "4:3: error: variable \"previous_version\" contains a NUL character"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bindings")
    void strict_binding_reports_an_exact_located_error(String why, Map<String, String> vars, Map<String, String> env, String expected) {
        Runbook rb = RunbookLoader.parse("deploy.md", DECLARED);
        assertThat(rb.diagnostics()).isEmpty();
        BindResult r = Binder.bind(rb, vars, env, true);
        assertThat(r.errors()).extracting(Diagnostic::format).containsExactly("deploy.md:" + expected);
    }
}
