package dev.runway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.runway.access.Role;
import dev.runway.access.TokenStore.Verdict;
import dev.runway.access.Tokens;
import dev.runway.engine.JournalStore.ChainedEntry;
import dev.runway.engine.RunEvent.TokenCreated;
import dev.runway.engine.RunEvent.TokenRevoked;
import dev.runway.record.AuditVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteTokenStoreTest {

    @TempDir Path home;
    final Instant now = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void a_created_token_authenticates_as_its_user_and_roles() {
        try (SqliteTokenStore tokens = new SqliteTokenStore(home)) {
            var issued = tokens.create("root", "bob", EnumSet.of(Role.APPROVER, Role.VIEWER), now, null);

            Verdict v = tokens.authenticate(issued.token(), now);

            assertThat(v).isInstanceOf(Verdict.Valid.class);
            var identity = ((Verdict.Valid) v).token().identity();
            assertThat(identity.name()).isEqualTo("bob");
            assertThat(identity.roles()).isEqualTo(Set.of("approver", "viewer"));
        }
    }

    @Test
    void only_the_hash_of_a_token_is_stored_and_the_journal_holds_neither() throws Exception {
        String token;
        try (SqliteTokenStore tokens = new SqliteTokenStore(home)) {
            var issued = tokens.create("root", "bob", EnumSet.of(Role.ADMIN), now, null);
            tokens.revoke("root", issued.info().id(), now);
            token = issued.token();
        }
        String secret = token.substring(token.lastIndexOf('_') + 1);
        try (var files = Files.list(home)) {
            for (Path f : files.toList()) {
                assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(f.toString()).doesNotContain(secret);
            }
        }
        try (SqliteJournalStore store = new SqliteJournalStore(home)) {
            assertThat(store.chain()).hasSize(2).allSatisfy(e -> assertThat(e.payload())
                    .doesNotContain(secret).doesNotContain(Tokens.hash(token)));
        }
    }

    @Test
    void creating_and_revoking_are_journaled_in_order_with_their_actor() {
        String bobs;
        try (SqliteTokenStore tokens = new SqliteTokenStore(home)) {
            bobs = tokens.create("root", "bob", EnumSet.of(Role.VIEWER, Role.APPROVER), now, now.plus(Duration.ofDays(30))).info().id();
            String bots = tokens.create("root", "ci-bot", EnumSet.of(Role.AGENT), now.plusSeconds(1), null).info().id();
            assertThat(tokens.revoke("carol", bobs, now.plusSeconds(2))).isTrue();
            assertThat(tokens.revoke("carol", bobs, now.plusSeconds(3))).as("revoking again").isTrue();
            assertThat(tokens.revoke("carol", "nope", now.plusSeconds(4))).isFalse();

            try (SqliteJournalStore store = new SqliteJournalStore(home)) {
                List<ChainedEntry> chain = store.chain();
                assertThat(chain).extracting(ChainedEntry::type, ChainedEntry::actor, ChainedEntry::runId, ChainedEntry::at)
                        .containsExactly(
                                tuple("token.created", "root", null, "2026-05-01T10:00:00Z"),
                                tuple("token.created", "root", null, "2026-05-01T10:00:01Z"),
                                tuple("token.revoked", "carol", null, "2026-05-01T10:00:02Z"));
                assertThat(EventCodec.decode(chain.get(0).type(), chain.get(0).payload()))
                        .isEqualTo(new TokenCreated(bobs, "bob", List.of("viewer", "approver"), now.plus(Duration.ofDays(30))));
                assertThat(EventCodec.decode(chain.get(1).type(), chain.get(1).payload()))
                        .isEqualTo(new TokenCreated(bots, "ci-bot", List.of("agent"), null));
                assertThat(EventCodec.decode(chain.get(2).type(), chain.get(2).payload())).isEqualTo(new TokenRevoked(bobs, "bob"));
                assertThat(AuditVerifier.verify(store.auditSnapshot(), null).ok()).isTrue();
            }
        }
    }

    @Test
    void expired_revoked_and_unknown_tokens_do_not_authenticate() {
        try (SqliteTokenStore tokens = new SqliteTokenStore(home)) {
            var expiring = tokens.create("root", "eve", EnumSet.of(Role.ADMIN), now, now.plus(Duration.ofDays(30)));
            var revoked = tokens.create("root", "mallory", EnumSet.of(Role.ADMIN), now, null);
            assertThat(tokens.revoke("root", revoked.info().id(), now)).isTrue();

            assertThat(tokens.authenticate(expiring.token(), now.plus(Duration.ofDays(29)))).isInstanceOf(Verdict.Valid.class);
            assertThat(tokens.authenticate(expiring.token(), now.plus(Duration.ofDays(30)))).isInstanceOf(Verdict.Expired.class);
            assertThat(tokens.authenticate(revoked.token(), now)).isInstanceOf(Verdict.Revoked.class);
            assertThat(tokens.authenticate(expiring.token() + "x", now)).isInstanceOf(Verdict.Unknown.class);
            assertThat(tokens.revoke("root", "nope", now)).isFalse();
            assertThat(tokens.list()).extracting(t -> t.user()).containsExactlyInAnyOrder("eve", "mallory");
        }
    }
}
