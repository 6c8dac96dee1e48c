package dev.runway.store;

import dev.runway.access.Role;
import dev.runway.access.TokenStore;
import dev.runway.access.Tokens;
import java.nio.file.Path;
import java.sql.Connection;
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
import java.util.stream.Collectors;

/** API tokens in the embedded database, beside the journal. Holds hashes, never tokens. */
public final class SqliteTokenStore implements TokenStore, AutoCloseable {

    private static final String COLUMNS = "id, user_name, roles, created_at, expires_at, revoked";

    private final Connection c;

    public SqliteTokenStore(Path home) {
        this.c = SqliteDatabase.open(home);
    }

    @Override
    public synchronized Issued create(String user, Set<Role> roles, Instant now, Instant expiresAt) {
        String id = Tokens.newId();
        String token = Tokens.newToken(id);
        String roleList = roles.stream().map(Role::label).collect(Collectors.joining(","));
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO api_tokens (id, user_name, roles, hash, created_at, expires_at, revoked) VALUES (?, ?, ?, ?, ?, ?, 0)")) {
            s.setString(1, id);
            s.setString(2, user);
            s.setString(3, roleList);
            s.setString(4, Tokens.hash(token));
            s.setString(5, now.toString());
            s.setString(6, expiresAt == null ? null : expiresAt.toString());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot store a token for " + user + ": " + e.getMessage(), e);
        }
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
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens ORDER BY created_at DESC, id");
             ResultSet rs = s.executeQuery()) {
            List<TokenInfo> all = new ArrayList<>();
            while (rs.next()) all.add(read(rs));
            return all;
        } catch (SQLException e) {
            throw new StoreException("cannot list tokens: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean revoke(String id) {
        try (PreparedStatement s = c.prepareStatement("UPDATE api_tokens SET revoked = 1 WHERE id = ?")) {
            s.setString(1, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot revoke token " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<TokenInfo> find(String id) {
        return one("SELECT " + COLUMNS + " FROM api_tokens WHERE id = ?", id);
    }

    private Optional<TokenInfo> one(String sql, String arg) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read tokens: " + e.getMessage(), e);
        }
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
        try {
            c.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the token store: " + e.getMessage(), e);
        }
    }
}
