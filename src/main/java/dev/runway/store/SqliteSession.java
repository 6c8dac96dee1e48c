package dev.runway.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One connection to the embedded database with the way Runway uses it: writes in explicit
 * {@code BEGIN IMMEDIATE} transactions, reads in autocommit, and statements compiled once.
 * A connection does one thing at a time: {@link #read} and {@link #inTransaction} hold this
 * session's lock for their whole work, and everything else is called only inside them.
 */
final class SqliteSession implements AutoCloseable {

    private final Connection c;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    SqliteSession(Path home) {
        this(home, true);
    }

    /** @param create make the database when the home has none (see {@link SqliteDatabase#open(Path, boolean)}) */
    SqliteSession(Path home, boolean create) {
        // Autocommit stays on: sqlite-jdbc's managed transactions re-open a write transaction
        // right after every commit, which would hold SQLite's write lock against every other
        // process. Writes take the lock explicitly (BEGIN IMMEDIATE) and only for their duration.
        this.c = SqliteDatabase.open(home, create);
    }

    interface Work<T> {
        T run() throws Exception;
    }

    interface VoidWork {
        void run() throws Exception;
    }

    synchronized <T> T inTransaction(Work<T> work) {
        return transaction("BEGIN IMMEDIATE", "write", work);
    }

    /** Reads that must see one moment of the file: a deferred transaction reads one WAL snapshot, and writers go on meanwhile. */
    synchronized <T> T inReadTransaction(Work<T> work) {
        return transaction("BEGIN DEFERRED", "read", work);
    }

    private <T> T transaction(String begin, String what, Work<T> work) {
        try {
            cached(begin).execute();
        } catch (SQLException e) {
            throw new StoreException("cannot start a database " + what + ": " + e.getMessage(), e);
        }
        try {
            T result = work.run();
            cached("COMMIT").execute();
            return result;
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        } catch (Exception e) {
            rollbackQuietly();
            throw new StoreException("database " + what + " failed: " + e.getMessage(), e);
        }
    }

    void inTransaction(VoidWork work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /** Reads run in autocommit mode, so a long-lived process always sees other processes' commits. */
    synchronized <T> T read(Work<T> work) {
        try {
            return work.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void rollbackQuietly() {
        try {
            execute("ROLLBACK");
        } catch (SQLException ignored) {
            // the original failure is what matters
        }
    }

    void update(String sql, Object... args) throws SQLException {
        PreparedStatement q = cached(sql);
        bind(q, args);
        q.executeUpdate();
    }

    /** A statement for SQL that varies; the caller closes it. */
    PreparedStatement prepare(String sql) throws SQLException {
        return c.prepareStatement(sql);
    }

    /**
     * Statements are compiled once per process and reused: SQLite's prepare step cost about a
     * tenth of a millisecond per append, a third of the work besides the fsync. Only the store's
     * fixed SQL strings come here, so the cache stays small. Callers close the result set,
     * never the statement.
     */
    PreparedStatement cached(String sql) throws SQLException {
        PreparedStatement q = statements.get(sql);
        if (q == null) {
            q = c.prepareStatement(sql);
            statements.put(sql, q);
        }
        return q;
    }

    static void bind(PreparedStatement q, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) q.setObject(i + 1, args[i]);
    }

    static Instant instant(String text) {
        return text == null ? null : StoredInstants.parse(text);
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    @Override
    public synchronized void close() {
        try {
            for (PreparedStatement q : statements.values()) q.close();
            statements.clear();
            c.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the database", e);
        }
    }
}
