package dev.runway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.verify.ExpectedOutput.MatchResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputExpectationTest {
    static MatchResult match(List<String> expected, Map<String, String> values, String output) {
        return OutputExpectation.compile(expected, values, Map.of()).match(output);
    }

    static MatchResult match(List<String> expected, String output) {
        return match(expected, Map.of(), output);
    }

    @Test
    void expected_lines_match_in_order_with_other_lines_between() {
        assertThat(match(List.of("alpha", "gamma"), "alpha\nbeta\ngamma\n").matched()).isTrue();
    }

    @Test
    void lines_out_of_order_do_not_match_and_the_first_missing_line_is_reported() {
        assertThat(match(List.of("gamma", "alpha"), "alpha\nbeta\ngamma\n")).isEqualTo(new MatchResult(false, "alpha", 2));
    }

    @Test
    void a_missing_line_that_came_before_the_line_matched_above_it_is_out_of_order() {
        var expected = OutputExpectation.compile(List.of("first", "", "second", "third"), Map.of(), Map.of());

        assertThat(expected.outOfOrder("third\nfirst\nsecond\n")).contains(new ExpectedOutput.OutOfOrder(1, 3, 3));
        assertThat(expected.outOfOrder("second\nfirst\n")).contains(new ExpectedOutput.OutOfOrder(1, 1, 2));
    }

    @Test
    void a_line_that_never_came_or_came_only_later_is_not_out_of_order() {
        var expected = OutputExpectation.compile(List.of("first", "second"), Map.of(), Map.of());

        assertThat(expected.outOfOrder("first\nthird\n")).isEmpty();
        assertThat(expected.outOfOrder("first\nsecond\n")).as("a match").isEmpty();
        assertThat(OutputExpectation.compile(List.of("second"), Map.of(), Map.of()).outOfOrder("first\n"))
                .as("the first expected line has none above it").isEmpty();
    }

    @Test
    void the_output_line_matched_above_does_not_count_again_as_out_of_order() {
        assertThat(OutputExpectation.compile(List.of("ok", "ok"), Map.of(), Map.of()).outOfOrder("ok\n")).isEmpty();
    }

    @Test
    void surrounding_whitespace_is_ignored_on_both_sides() {
        assertThat(match(List.of("   Health: OK  "), "\t Health: OK\r\n").matched()).isTrue();
    }

    @Test
    void blank_expected_lines_are_ignored_but_still_counted_in_line_numbers() {
        assertThat(match(List.of("a", "", "zzz"), "a\n")).isEqualTo(new MatchResult(false, "zzz", 3));
    }

    @Test
    void an_expected_line_must_match_a_whole_output_line() {
        assertThat(match(List.of("Health: OK"), "Health: OK but degraded").matched()).isFalse();
        assertThat(match(List.of("OK"), "Health: OK").matched()).isFalse();
    }

    @Test
    void a_bound_variable_stands_for_its_value_literally() {
        Map<String, String> v = Map.of("version", "1.2.3");
        assertThat(match(List.of("Service version: v{version}"), v, "Service version: v1.2.3").matched()).isTrue();
        assertThat(match(List.of("Service version: v{version}"), v, "Service version: v1x2x3"))
                .isEqualTo(new MatchResult(false, "Service version: v1.2.3", 1));
    }

    @Test
    void regex_metacharacters_in_values_and_text_are_literal() {
        Map<String, String> v = Map.of("q", "a+b(c)*[d]$");
        assertThat(match(List.of("x={q} ^(y)|z$"), v, "x=a+b(c)*[d]$ ^(y)|z$").matched()).isTrue();
        assertThat(match(List.of("x={q}"), v, "x=aab(c)[d]").matched()).isFalse();
        assertThat(match(List.of("a.c"), "abc").matched()).isFalse();
    }

    @Test
    void an_undeclared_placeholder_and_ellipsis_match_any_text() {
        assertThat(match(List.of("\"Id\": \"sha256:{expected-digest}\","), "\"Id\": \"sha256:9f8e7d\",").matched()).isTrue();
        assertThat(match(List.of("{\"id\": ..., \"tag_name\": \"v1\"}"), "{\"id\": 42, \"tag_name\": \"v1\"}").matched()).isTrue();
        assertThat(match(List.of("{container-id}"), "3f2a9c").matched()).isTrue();
    }

    @Test
    void bare_n_matches_a_number() {
        assertThat(match(List.of("All smoke tests passed (N/N)"), "All smoke tests passed (12/12)").matched()).isTrue();
        assertThat(match(List.of("Up N seconds"), "Up 7 seconds").matched()).isTrue();
        assertThat(match(List.of("Up N seconds"), "Up a few seconds").matched()).isFalse();
        assertThat(match(List.of("took N s"), "took 1.5 s").matched()).isTrue();
    }

    @Test
    void n_inside_a_word_is_a_letter_not_a_number() {
        assertThat(match(List.of("NODE ready"), "NODE ready").matched()).isTrue();
        assertThat(match(List.of("NODE ready"), "12ODE ready").matched()).isFalse();
        assertThat(match(List.of("No diff"), "No diff").matched()).isTrue();
    }

    @Test
    void runs_of_spaces_match_padded_columns() {
        Map<String, String> v = Map.of("project", "web", "registry", "reg.io", "version", "2.0.0");
        assertThat(match(List.of("{project}   {registry}/{project}:v{version}   Up N seconds"), v,
                "NAMES     IMAGE                 STATUS\nweb       reg.io/web:v2.0.0     Up 3 seconds").matched()).isTrue();
    }

    @Test
    void empty_output_fails_on_the_first_non_blank_line_and_an_empty_block_always_matches() {
        assertThat(match(List.of("", "ready"), "")).isEqualTo(new MatchResult(false, "ready", 2));
        assertThat(match(List.of(), "").matched()).isTrue();
        assertThat(match(List.of("  "), "anything").matched()).isTrue();
    }

    @Test
    void secrets_match_literally_but_are_masked_in_the_report() {
        ExpectedOutput e = OutputExpectation.compile(List.of("token={T}"), Map.of(), Map.of("T", "s3cr3t"));
        assertThat(e.match("token=s3cr3t").matched()).isTrue();
        assertThat(e.match("token=other")).isEqualTo(new MatchResult(false, "token=***", 1));
    }

    @Test
    void one_output_line_cannot_satisfy_two_expected_lines() {
        assertThat(match(List.of("ok", "ok"), "ok\n")).isEqualTo(new MatchResult(false, "ok", 2));
        assertThat(match(List.of("ok", "ok"), "ok\nok\n").matched()).isTrue();
    }
}
