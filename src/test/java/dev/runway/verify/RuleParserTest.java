package dev.runway.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RuleParserTest {

    @Test
    void a_full_rule_parses_to_base_units() {
        Rule r = RuleParser.parse("health.error_rate > 5% for 3s min 20 requests");
        assertThat(r.monitor()).isEqualTo("health");
        assertThat(r.field()).isEqualTo("error_rate");
        assertThat(r.op()).isEqualTo(Rule.Op.GT);
        assertThat(r.threshold()).isEqualTo(0.05);
        assertThat(r.unit()).isEqualTo(Rule.Unit.PERCENT);
        assertThat(r.holdFor()).isEqualTo(Duration.ofSeconds(3));
        assertThat(r.minCount()).isEqualTo(20);
        assertThat(r.minKind()).isEqualTo(Rule.MinKind.REQUESTS);
    }

    @Test
    void milliseconds_and_seconds_become_seconds_and_a_bare_name_reads_value() {
        assertThat(RuleParser.parse("health.latency_p99 >= 250ms").threshold()).isEqualTo(0.25);
        assertThat(RuleParser.parse("health.latency_p99 > 2s for 3m").threshold()).isEqualTo(2.0);
        Rule bare = RuleParser.parse("queue<=-1.5 min 3 samples");
        assertThat(bare.metric()).isEqualTo("queue.value");
        assertThat(bare.op()).isEqualTo(Rule.Op.LE);
        assertThat(bare.threshold()).isEqualTo(-1.5);
        assertThat(bare.holdFor()).isZero();
        assertThat(bare.minKind()).isEqualTo(Rule.MinKind.SAMPLES);
    }

    @Test
    void every_operator_is_read() {
        assertThat(RuleParser.parse("a == 1").op()).isEqualTo(Rule.Op.EQ);
        assertThat(RuleParser.parse("a != 1").op()).isEqualTo(Rule.Op.NE);
        assertThat(RuleParser.parse("a < 1").op()).isEqualTo(Rule.Op.LT);
        assertThat(RuleParser.parse("h.up < 1").field()).isEqualTo("up");
    }

    @Test
    void a_rule_without_a_value_says_so() {
        assertThatThrownBy(() -> RuleParser.parse("errors > "))
                .hasMessage("rule \"errors > \" is missing a value (write e.g. errors > 1% for 2m)");
    }

    @Test
    void bad_rules_have_exact_messages() {
        assertThatThrownBy(() -> RuleParser.parse("errors are high"))
                .hasMessage("rule \"errors are high\" has no comparison (one of > >= < <= == !=) (write e.g. errors > 1% for 2m)");
        assertThatThrownBy(() -> RuleParser.parse("errors > lots"))
                .hasMessage("rule \"errors > lots\" has the value \"lots\", which is not a number with an optional %, ms or s "
                        + "(write e.g. errors > 1% for 2m)");
        assertThatThrownBy(() -> RuleParser.parse("health.errors > 1%"))
                .hasMessage("rule \"health.errors > 1%\" uses the unknown field \"errors\" (fields: error_rate, latency_p50, "
                        + "latency_p95, latency_p99, up, value) (write e.g. errors > 1% for 2m)");
        assertThatThrownBy(() -> RuleParser.parse("errors > 1% for ever"))
                .hasMessage("rule \"errors > 1% for ever\" has the duration \"ever\" after for; use e.g. 30s, 2m "
                        + "(write e.g. errors > 1% for 2m)");
        assertThatThrownBy(() -> RuleParser.parse("errors > 1% for"))
                .hasMessage("rule \"errors > 1% for\" has for without a duration (write e.g. errors > 1% for 2m)");
        assertThatThrownBy(() -> RuleParser.parse("errors > 1% when busy"))
                .hasMessage("rule \"errors > 1% when busy\" ends with \"when busy\"; only for <duration> and min <N> "
                        + "samples|requests may follow the value (write e.g. errors > 1% for 2m)");
        assertThatThrownBy(() -> RuleParser.parse("1x! > 1"))
                .hasMessage("rule \"1x! > 1\" names the metric \"1x!\"; write a monitor name or monitor.field "
                        + "(write e.g. errors > 1% for 2m)");
    }

    @Test
    void thresholds_are_shown_as_written() {
        assertThat(Verdicts.threshold(RuleParser.parse("health.error_rate > 5% for 3s"))).isEqualTo("> 5% for 3s");
        assertThat(Verdicts.threshold(RuleParser.parse("health.latency_p99 > 250ms for 2m"))).isEqualTo("> 250ms for 2m");
        assertThat(Verdicts.threshold(RuleParser.parse("queue >= 100"))).isEqualTo(">= 100");
    }
}
