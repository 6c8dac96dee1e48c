package dev.runway.store;

import dev.runway.access.Role;
import dev.runway.access.TokenStore;
import dev.runway.access.Tokens;
import dev.runway.engine.RunEvent.TokenCreated;
import dev.runway.engine.RunEvent.TokenRevoked;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * API tokens in the embedded database, beside the journal. Holds hashes, never tokens; every
 * change is journaled in its own transaction, so no token exists that the audit chain lacks.
 */
public final class SqliteTokenStore implements TokenStore, AutoCloseable {

    private static final String COLUMNS = "id, user_name, roles, created_at, expires_at, revoked";

    private final SqliteSession db;
    private final JournalAppends journal;

    public SqliteTokenStore(Path home) {
        this.db = new SqliteSession(home);
        this.journal = new JournalAppends(db);
    }

    @Override
    public synchronized Issued create(String actor, String user, Set<Role> roles, Instant now, Instant expiresAt) {
        String id = Tokens.newId();
        String token = Tokens.newToken(id);
        List<String> labels = roles.stream().sorted().map(Role::label).toList();
        db.inTransaction(() -> {
            db.update("INSERT INTO api_tokens (id, user_name, roles, hash, created_at, expires_at, revoked) VALUES (?, ?, ?, ?, ?, ?, 0)",
                    id, user, String.join(",", labels), Tokens.hash(token), now.toString(), SqliteSession.text(expiresAt));
            journal.insertGlobal(actor, new TokenCreated(id, user, labels, expiresAt), now);
        });
        return new Issued(new TokenInfo(id, user, Set.copyOf(roles), now, expiresAt, false), token);
    }

    @Override
    public synchronized Verdict authenticate(String token, Instant now) {
        Optional<TokenInfo> found = one("SELECT " + COLUMNS + " FROM api_tokens WHERE hash = ?", Tokens.hash(token));
        if (found.isEmpty()) return new Verdict.Unknown();
        TokenInfo info = found.get();
        if (info.revoked()) return new Verdict.Revoked(info);
        if (info.expiresAt() != null && !now.isBefore(info.expiresAt())) return new Verdict.Expired(info);
        return new Verdict.Valid(info);
    }

    @Override
    public synchronized List<TokenInfo> list() {
        return db.read(() -> {
            try (PreparedStatement s = db.prepare("SELECT " + COLUMNS + " FROM api_tokens ORDER BY created_at DESC, id");
                 ResultSet rs = s.executeQuery()) {
                List<TokenInfo> all = new ArrayList<>();
                while (rs.next()) all.add(read(rs));
                return all;
            }
        });
    }

    @Override
    public synchronized boolean revoke(String actor, String id, Instant now) {
        return db.inTransaction(() -> {
            Optional<TokenInfo> token = one("SELECT " + COLUMNS + " FROM api_tokens WHERE id = ?", id);
            if (token.isEmpty()) return false;
            if (!token.get().revoked()) {
                db.update("UPDATE api_tokens SET revoked = 1 WHERE id = ?", id);
                journal.insertGlobal(actor, new TokenRevoked(id, token.get().user()), now);
            }
            return true;
        });
    }

    @Override
    public synchronized Optional<TokenInfo> find(String id) {
        return one("SELECT " + COLUMNS + " FROM api_tokens WHERE id = ?", id);
    }

    private Optional<TokenInfo> one(String sql, String arg) {
        return db.read(() -> {
            PreparedStatement s = db.cached(sql);
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
    }

    private static TokenInfo read(ResultSet rs) throws SQLException {
        Set<Role> roles = new LinkedHashSet<>();
        Arrays.stream(rs.getString(3).split(",")).filter(r -> !r.isBlank()).forEach(r -> Role.of(r).ifPresent(roles::add));
        String expires = rs.getString(5);
        return new TokenInfo(rs.getString(1), rs.getString(2), Set.copyOf(roles), Instant.parse(rs.getString(4)),
                expires == null ? null : Instant.parse(expires), rs.getInt(6) != 0);
    }

    @Override
    public synchronized void close() {
        db.close();
    }
}
