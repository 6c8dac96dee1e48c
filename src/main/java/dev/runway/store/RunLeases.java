package dev.runway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/** Which process drives a run: an owner and a lease on the run's row. */
final class RunLeases {

    private final SqliteSession db;

    RunLeases(SqliteSession db) {
        this.db = db;
    }

    boolean claim(String runId, String owner, Instant now, Instant leaseUntil, Predicate<String> ownerIsGone) {
        return db.inTransaction(() -> {
            String current = null;
            Instant lease = null;
            try (PreparedStatement q = db.prepare("SELECT owner, lease_until FROM runs WHERE id = ?")) {
                q.setString(1, runId);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) throw new IllegalArgumentException("no run " + runId);
                    current = rs.getString(1);
                    lease = rs.getString(2) == null ? null : Instant.parse(rs.getString(2));
                }
            }
            boolean free = current == null || current.equals(owner) || lease == null || lease.isBefore(now)
                    || ownerIsGone.test(current);
            if (free) db.update("UPDATE runs SET owner = ?, lease_until = ? WHERE id = ?", owner, leaseUntil.toString(), runId);
            return free;
        });
    }

    void renew(String runId, String owner, Instant leaseUntil) {
        db.inTransaction(() -> db.update("UPDATE runs SET lease_until = ? WHERE id = ? AND owner = ?",
                leaseUntil.toString(), runId, owner));
    }

    void release(String runId, String owner) {
        db.inTransaction(() -> db.update("UPDATE runs SET owner = NULL, lease_until = NULL WHERE id = ? AND owner = ?", runId, owner));
    }

    Optional<String> owner(String runId) {
        return db.read(() -> {
            try (PreparedStatement q = db.prepare("SELECT owner FROM runs WHERE id = ?")) {
                q.setString(1, runId);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }
}
