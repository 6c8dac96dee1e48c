package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.app.InProcessRunway;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments picocli refuses, with --json among them: the JSON error on stdout, exit 2, picocli's usage on stderr. */
class ParseErrorJsonTest {

    @TempDir Path dir;

    private InProcessRunway.Result run(String... args) {
        return new InProcessRunway(dir.resolve("home"), Clock.systemUTC()).run(args);
    }

    private static String error(String message) {
        return "{\n  \"error\" : {\n    \"exit\" : 2,\n    \"message\" : \"" + message + "\"\n  }\n}\n";
    }

    @Test
    void an_unknown_option_under_json_prints_the_json_error() {
        InProcessRunway.Result r = run("logs", "some-run", "--json", "--frobnicate");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stdout()).isEqualTo(error("Unknown options: '--json', '--frobnicate'"));
        assertThat(r.stderr()).startsWith("Unknown options: '--json', '--frobnicate'\nUsage: runway logs ");
    }

    @Test
    void an_option_missing_its_value_under_json_prints_the_json_error() {
        InProcessRunway.Result r = run("approve", "some-run", "--json", "--comment");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stdout()).isEqualTo(error("Missing required parameter for option '--comment' (TEXT)"));
        assertThat(r.stderr()).contains("Usage: runway approve ");
    }

    @Test
    void a_value_that_is_not_a_number_under_json_prints_the_json_error() {
        InProcessRunway.Result r = run("history", "--json", "--limit", "many");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stdout()).isEqualTo(error("Invalid value for option '--limit': 'many' is not an int"));
    }
}
