package dev.runway.store;

import dev.runway.access.Role;
import dev.runway.access.Tokens;
import dev.runway.access.UserStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Web UI users and their sessions in the embedded database, beside the journal. */
public final class SqliteUserStore implements UserStore, AutoCloseable {

    /**
     * A session's last use is written at most this often: a write is an fsync, and idle
     * expiry measured in hours does not need a finer clock than this.
     */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final String USER_COLUMNS = "u.name, u.roles, u.password_hash, u.created_at";

    private final Connection c;

    public SqliteUserStore(Path home) {
        this.c = SqliteDatabase.open(home);
    }

    @Override
    public synchronized boolean add(String name, Set<Role> roles, String passwordHash, Instant now) {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO users (name, roles, password_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO NOTHING")) {
            s.setString(1, name);
            s.setString(2, roles.stream().map(Role::label).collect(Collectors.joining(",")));
            s.setString(3, passwordHash);
            s.setString(4, now.toString());
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot add user " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean remove(String name) {
        return update("DELETE FROM users WHERE name = ?", name) == 1;
    }

    @Override
    public synchronized List<User> list() {
        try (PreparedStatement s = c.prepareStatement("SELECT " + USER_COLUMNS + " FROM users u ORDER BY u.name");
             ResultSet rs = s.executeQuery()) {
            List<User> all = new ArrayList<>();
            while (rs.next()) all.add(user(rs));
            return all;
        } catch (SQLException e) {
            throw new StoreException("cannot list users: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<User> find(String name) {
        try (PreparedStatement s = c.prepareStatement("SELECT " + USER_COLUMNS + " FROM users u WHERE u.name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read user " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized NewSession openSession(String user, Instant now) {
        String id = Tokens.newToken("s");
        String csrf = Tokens.newToken("c");
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO sessions (id_hash, user_name, csrf, created_at, last_seen) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, Tokens.hash(id));
            s.setString(2, user);
            s.setString(3, csrf);
            s.setString(4, now.toString());
            s.setString(5, now.toString());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot open a session for " + user + ": " + e.getMessage(), e);
        }
        return new NewSession(id, csrf);
    }

    @Override
    public synchronized Optional<Session> session(String id, Instant now, Duration idle) {
        String hash = Tokens.hash(id);
        Session found;
        try (PreparedStatement s = c.prepareStatement("SELECT " + USER_COLUMNS + ", s.csrf, s.last_seen FROM sessions s "
                + "JOIN users u ON u.name = s.user_name WHERE s.id_hash = ?")) {
            s.setString(1, hash);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                found = new Session(user(rs), rs.getString(5), Instant.parse(rs.getString(6)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read a session: " + e.getMessage(), e);
        }
        if (!now.isBefore(found.lastSeen().plus(idle))) {
            update("DELETE FROM sessions WHERE id_hash = ?", hash);
            return Optional.empty();
        }
        if (!now.isBefore(found.lastSeen().plus(TOUCH_EVERY))) {
            try (PreparedStatement s = c.prepareStatement("UPDATE sessions SET last_seen = ? WHERE id_hash = ?")) {
                s.setString(1, now.toString());
                s.setString(2, hash);
                s.executeUpdate();
            } catch (SQLException e) {
                throw new StoreException("cannot touch a session: " + e.getMessage(), e);
            }
        }
        return Optional.of(found);
    }

    @Override
    public synchronized void endSession(String id) {
        update("DELETE FROM sessions WHERE id_hash = ?", Tokens.hash(id));
    }

    private int update(String sql, String arg) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot change users or sessions: " + e.getMessage(), e);
        }
    }

    private static User user(ResultSet rs) throws SQLException {
        Set<Role> roles = new LinkedHashSet<>();
        Arrays.stream(rs.getString(2).split(",")).filter(r -> !r.isBlank()).forEach(r -> Role.of(r).ifPresent(roles::add));
        return new User(rs.getString(1), Set.copyOf(roles), rs.getString(3), Instant.parse(rs.getString(4)));
    }

    @Override
    public synchronized void close() {
        try {
            c.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the user store: " + e.getMessage(), e);
        }
    }
}
