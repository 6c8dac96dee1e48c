package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.engine.MonitorReading;
import dev.runway.record.RunDocument;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same figures in the live view and in the run's JSON. */
class MonitorLineTest {

    static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    static final MonitorReading BREACHING = new MonitorReading("triggers", "errors.value > 5 for 2m", "errors.value", 9.0, "9",
            "> 5 for 2m", "breaching", NOW.minusSeconds(12), 40, NOW.plusSeconds(200), NOW);

    @Test
    void the_live_view_shows_value_threshold_breach_samples_and_countdown() {
        assertThat(ProgressView.monitorLine(BREACHING, NOW).replaceAll("\033\\[[0-9;]*m", ""))
                .isEqualTo("◉ errors.value 9 (threshold > 5 for 2m) breaching for 12s · 40 samples · 3:20 left [triggers]");
    }

    @Test
    void the_run_json_carries_the_same_numbers() {
        var run = new dev.runway.engine.RunSummary("r1", "rb", "prod", "T", "f.md", "alice", dev.runway.engine.RunStatus.RUNNING,
                NOW, NOW, Map.of(), 1, dev.runway.engine.RunState.Phase.FORWARD, null, null, null);
        @SuppressWarnings("unchecked")
        var m = ((List<Map<String, Object>>) RunDocument.of(run, List.of(), dev.runway.record.PeopleActs.none(), List.of(BREACHING), NOW.plusMillis(500)).get("monitors")).get(0);
        assertThat(m).containsEntry("value", 9.0).containsEntry("threshold", "> 5 for 2m").containsEntry("state", "breaching")
                .containsEntry("breaching", true).containsEntry("breaching_for_s", 13L).containsEntry("samples", 40L)
                .containsEntry("seconds_left", 200L);
    }
}
