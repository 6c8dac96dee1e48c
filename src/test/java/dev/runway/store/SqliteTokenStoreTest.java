package dev.runway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.access.Role;
import dev.runway.access.TokenStore.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteTokenStoreTest {

    @TempDir Path home;
    final Instant now = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void a_created_token_authenticates_as_its_user_and_roles() {
        try (SqliteTokenStore tokens = new SqliteTokenStore(home)) {
            var issued = tokens.create("bob", EnumSet.of(Role.APPROVER, Role.VIEWER), now, null);

            Verdict v = tokens.authenticate(issued.token(), now);

            assertThat(v).isInstanceOf(Verdict.Valid.class);
            var identity = ((Verdict.Valid) v).token().identity();
            assertThat(identity.name()).isEqualTo("bob");
            assertThat(identity.roles()).isEqualTo(Set.of("approver", "viewer"));
        }
    }

    @Test
    void only_the_hash_of_a_token_is_stored() throws Exception {
        String token;
        try (SqliteTokenStore tokens = new SqliteTokenStore(home)) {
            token = tokens.create("bob", EnumSet.of(Role.ADMIN), now, null).token();
        }
        String secret = token.substring(token.lastIndexOf('_') + 1);
        try (var files = Files.list(home)) {
            for (Path f : files.toList()) {
                assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(f.toString()).doesNotContain(secret);
            }
        }
    }

    @Test
    void expired_revoked_and_unknown_tokens_do_not_authenticate() {
        try (SqliteTokenStore tokens = new SqliteTokenStore(home)) {
            var expiring = tokens.create("eve", EnumSet.of(Role.ADMIN), now, now.plus(Duration.ofDays(30)));
            var revoked = tokens.create("mallory", EnumSet.of(Role.ADMIN), now, null);
            assertThat(tokens.revoke(revoked.info().id())).isTrue();

            assertThat(tokens.authenticate(expiring.token(), now.plus(Duration.ofDays(29)))).isInstanceOf(Verdict.Valid.class);
            assertThat(tokens.authenticate(expiring.token(), now.plus(Duration.ofDays(30)))).isInstanceOf(Verdict.Expired.class);
            assertThat(tokens.authenticate(revoked.token(), now)).isInstanceOf(Verdict.Revoked.class);
            assertThat(tokens.authenticate(expiring.token() + "x", now)).isInstanceOf(Verdict.Unknown.class);
            assertThat(tokens.revoke("nope")).isFalse();
            assertThat(tokens.list()).extracting(t -> t.user()).containsExactlyInAnyOrder("eve", "mallory");
        }
    }
}
