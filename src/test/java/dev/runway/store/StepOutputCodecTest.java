package dev.runway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.engine.OutputDigest;
import dev.runway.engine.RunEvent;
import org.junit.jupiter.api.Test;

/** Step end entries gained outputSha256; journals written before it must still read, as "not recorded". */
class StepOutputCodecTest {

    @Test
    void an_old_step_succeeded_reads_with_no_output_digest() {
        RunEvent e = EventCodec.decode("step.succeeded", "{\"step\":\"a\",\"attempt\":1,\"detail\":\"exit 0\",\"output\":\"x\"}");
        assertThat(e).isEqualTo(new RunEvent.StepSucceeded("a", 1, "exit 0", "x", null));
    }

    @Test
    void an_old_step_failed_reads_with_no_output_digest() {
        RunEvent e = EventCodec.decode("step.failed", "{\"step\":\"a\",\"attempt\":2,\"reason\":\"exit 3\",\"output\":\"x\",\"unverified\":true}");
        assertThat(e).isEqualTo(new RunEvent.StepFailed("a", 2, "exit 3", "x", true, null));
    }

    @Test
    void output_digests_round_trip() {
        RunEvent ok = new RunEvent.StepSucceeded("a", 1, "exit 0", "x", OutputDigest.EMPTY);
        RunEvent bad = new RunEvent.StepFailed("b", 3, "exit 1", "y", false, "ab".repeat(32));
        assertThat(EventCodec.decode("step.succeeded", EventCodec.encode(ok))).isEqualTo(ok);
        assertThat(EventCodec.decode("step.failed", EventCodec.encode(bad))).isEqualTo(bad);
    }

    @Test
    void the_digest_of_no_output_is_that_of_the_empty_text() {
        assertThat(OutputDigest.EMPTY).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
