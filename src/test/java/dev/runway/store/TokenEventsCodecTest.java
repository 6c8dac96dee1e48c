package dev.runway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.engine.RunEvent;
import dev.runway.engine.RunEvent.TokenCreated;
import dev.runway.engine.RunEvent.TokenRevoked;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** token.created and token.revoked as the journal stores them. */
class TokenEventsCodecTest {

    @Test
    void a_token_created_round_trips_with_and_without_expiry() {
        var expiring = new TokenCreated("a1b2c3", "bob", List.of("approver", "viewer"), Instant.parse("2026-06-01T10:00:00Z"));
        var lasting = new TokenCreated("d4e5f6", "ci-bot", List.of("agent"), null);

        assertThat(EventCodec.decode("token.created", EventCodec.encode(expiring))).isEqualTo(expiring);
        assertThat(EventCodec.decode("token.created", EventCodec.encode(lasting))).isEqualTo(lasting);
    }

    @Test
    void a_token_revoked_round_trips() {
        var revoked = new TokenRevoked("a1b2c3", "bob");
        assertThat(EventCodec.decode("token.revoked", EventCodec.encode(revoked))).isEqualTo(revoked);
    }

    @Test
    void the_stored_payload_names_the_token_by_id_only() {
        String payload = EventCodec.encode(new TokenCreated("a1b2c3", "bob", List.of("approver"), Instant.parse("2026-06-01T10:00:00Z")));

        assertThat(payload).isEqualTo("{\"tokenId\":\"a1b2c3\",\"user\":\"bob\",\"roles\":[\"approver\"],\"expiresAt\":\"2026-06-01T10:00:00Z\"}");
        RunEvent read = EventCodec.decode("token.created", payload);
        assertThat(read.step()).isNull();
    }
}
