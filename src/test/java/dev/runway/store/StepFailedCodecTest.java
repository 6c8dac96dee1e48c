package dev.runway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.engine.RunEvent;
import org.junit.jupiter.api.Test;

/** step.failed gained "unverified"; journals written before it must still read. */
class StepFailedCodecTest {

    @Test
    void an_old_step_failed_without_unverified_reads_as_a_verdict() {
        RunEvent e = EventCodec.decode("step.failed", "{\"step\":\"a\",\"attempt\":1,\"reason\":\"exit 3\",\"output\":\"x\"}");
        assertThat(e).isEqualTo(new RunEvent.StepFailed("a", 1, "exit 3", "x", false));
    }

    @Test
    void an_unverified_failure_round_trips() {
        RunEvent.StepFailed e = new RunEvent.StepFailed("watch", 2, "no data", null, true);
        assertThat(EventCodec.decode("step.failed", EventCodec.encode(e))).isEqualTo(e);
    }
}
