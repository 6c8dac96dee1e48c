package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.runway.engine.JournalStore.ChainedEntry;
import dev.runway.store.SqliteJournalStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runway token create|revoke} leave audit entries in the hash chain, and the token nowhere. */
class TokenAuditIT {

    @TempDir Path dir;

    @Test
    void creating_and_revoking_a_token_are_in_the_audit_chain_and_its_secret_is_stored_nowhere() throws IOException {
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);

        RunwayProcess.Result created = runway.run("token", "create", "--user", "bob", "--role", "approver", "--as", "alice", "--json");
        assertThat(created.exit()).as(created.toString()).isZero();
        String id = created.json().get("id").asText();
        String token = created.json().get("token").asText();
        RunwayProcess.Result revoked = runway.run("token", "revoke", id, "--as", "carol");
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        RunwayProcess.Result audit = runway.run("audit", "verify");

        assertThat(audit.stdout().strip()).matches(java.util.regex.Pattern.quote("audit chain intact: 2 entries verified in " + runway.home()
                + "\nread model matches the journal\nhead 2:") + "[0-9a-f]{64}");
        try (SqliteJournalStore store = new SqliteJournalStore(runway.home())) {
            assertThat(store.chain()).extracting(ChainedEntry::type, ChainedEntry::actor)
                    .containsExactly(tuple("token.created", "alice"), tuple("token.revoked", "carol"));
            assertThat(store.chain().get(0).payload()).contains("\"tokenId\":\"" + id + "\"", "\"user\":\"bob\"", "\"roles\":[\"approver\"]");
        }
        String secret = token.substring(token.lastIndexOf('_') + 1);
        try (Stream<Path> files = Files.walk(runway.home())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(secret);
            }
        }
    }
}
