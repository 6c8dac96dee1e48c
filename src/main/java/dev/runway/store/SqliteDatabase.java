package dev.runway.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the embedded database file in {@code RUNWAY_HOME} and brings its schema up to date.
 *
 * <p>WAL lets several CLI processes (a running release, an approver, a status query) share the
 * file; {@code synchronous=FULL} makes every commit reach the disk before it returns, which is
 * what "journaled before it takes effect" requires. Flyway runs only when the schema version
 * recorded in {@code user_version} is behind, because starting Flyway costs more than a whole
 * {@code runway status}.
 */
public final class SqliteDatabase {

    private static final int BUSY_TIMEOUT_MS = 30_000;
    private static final String MIGRATION_LOCK = "runway.db.migration-lock";

    /** Settings started by {@link #warmUp}, taken (once) by the next open. */
    private static final AtomicReference<FutureTask<SQLiteConfig>> ahead = new AtomicReference<>();
    private static volatile boolean nativeLoaded;

    /** The newest migration in db/migration/sqlite (a test keeps them equal). */
    static final int SCHEMA_VERSION = 7;

    private SqliteDatabase() {}

    public static Connection open(Path home) {
        return open(home, true);
    }

    /** Whether {@code home} holds a database: anything was ever recorded there. */
    static boolean exists(Path home) {
        return Files.isRegularFile(file(home));
    }

    private static Path file(Path home) {
        return home.resolve("runway.db");
    }

    /**
     * @param create make the home and the file when missing; read-only commands pass false, and
     *               SQLite then refuses to open a file that is gone rather than create it
     */
    static Connection open(Path home, boolean create) {
        try {
            if (create) Files.createDirectories(home);
            Path file = file(home);
            SQLiteConfig config = config();
            if (!create) config.resetOpenMode(org.sqlite.SQLiteOpenMode.CREATE);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(BUSY_TIMEOUT_MS);
            config.enforceForeignKeys(true);
            // Runway never asks for generated keys; the driver would otherwise query SQLite for the
            // last row id after every INSERT, about 0.12 ms of a step boundary's 0.9 ms of CPU.
            config.setGetGeneratedKeys(false);
            SQLiteDataSource ds = new SQLiteDataSource(config);
            ds.setUrl("jdbc:sqlite:" + file);
            Connection c = connect(ds);
            if (!inWriteAheadLog(c) || userVersion(c) < SCHEMA_VERSION) prepareOnce(home, ds, c);
            return c;
        } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.NotDirectoryException e) {
            throw new StoreException("cannot open the Runway database in " + home + ": it is not a directory", e);
        } catch (SQLException e) {
            if (e instanceof org.sqlite.SQLiteException s && s.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_NOTADB) {
                throw new StoreException(file(home) + " is not a Runway database (SQLite: file is not a database)", e);
            }
            throw new StoreException("cannot open the Runway database in " + home + ": " + e.getMessage(), e);
        } catch (IOException e) {
            // An interrupted wait for the migration lock has no message of its own.
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new StoreException("cannot open the Runway database in " + home + ": " + why, e);
        }
    }

    /**
     * Starts building the driver's first settings object on another thread. That object costs
     * more than the rest of opening the file: the driver builds a date formatter (the time zone
     * database, calendar and locale data) that Runway never uses, 7 to 15 ms of a cold {@code
     * runway status}. A command that will open the database calls this as early as it can;
     * opening calls it too and loads the native library meanwhile, which needs no settings.
     */
    public static void warmUp() {
        FutureTask<SQLiteConfig> task = new FutureTask<>(SQLiteConfig::new);
        if (ahead.compareAndSet(null, task)) Thread.ofPlatform().name("sqlite-settings").daemon(true).start(task);
    }

    private static SQLiteConfig config() {
        if (!nativeLoaded) {
            warmUp();
            SqliteNative.prepare();
            nativeLoaded = true;
        }
        FutureTask<SQLiteConfig> task = ahead.getAndSet(null);
        if (task == null) return new SQLiteConfig();
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while opening the Runway database", e);
        }
    }

    /**
     * Opening a connection runs pragmas before SQLite's busy handler is in place, so a process
     * that opens the file while another one commits can be told "database is locked" at once.
     * Try again for as long as a busy write would be waited for.
     */
    private static Connection connect(SQLiteDataSource ds) throws SQLException {
        return whileBusy(ds::getConnection);
    }

    /**
     * Retries {@code action} while SQLite says the file is busy, for as long as a busy write would
     * be waited for. Needed where SQLite answers SQLITE_BUSY without calling its busy handler: a
     * connection that holds a read lock and wants to write while another one writes is refused at
     * once (waiting could deadlock), which is what switching a new file to WAL meets.
     */
    private static <T> T whileBusy(SqlAction<T> action) throws SQLException {
        long deadline = System.nanoTime() + BUSY_TIMEOUT_MS * 1_000_000L;
        for (int attempt = 1; ; attempt++) {
            try {
                return action.run();
            } catch (SQLException e) {
                if (!isBusy(e) || System.nanoTime() > deadline) throw e;
                try {
                    Thread.sleep(Math.min(100, 5L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @FunctionalInterface
    private interface SqlAction<T> {
        T run() throws SQLException;
    }

    private static boolean isBusy(SQLException e) {
        return e.getErrorCode() == 5 || e.getErrorCode() == 6
                || (e.getMessage() != null && e.getMessage().contains("SQLITE_BUSY"));
    }

    private static boolean inWriteAheadLog(Connection c) throws SQLException {
        return whileBusy(() -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA journal_mode")) {
                return rs.next() && "wal".equalsIgnoreCase(rs.getString(1));
            }
        });
    }

    /** WAL is a property of the file: set it once, when the file is new, not on every open. */
    private static void useWriteAheadLog(Connection c) throws SQLException {
        whileBusy(() -> {
            try (Statement s = c.createStatement()) {
                return s.execute("PRAGMA journal_mode = WAL");
            }
        });
    }

    private static int userVersion(Connection c) throws SQLException {
        return whileBusy(() -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    /**
     * Processes that open a new or older home at the same moment (a run and a dashboard polling
     * its status, the demo's run and its approver) would each switch the file to WAL and apply
     * the migrations, and all but one fail on SQLite's lock halfway. A file lock lets one prepare
     * the file while the others wait, then find it ready. Threads of one JVM queue on the class
     * first: a JVM may hold a file's lock only once.
     */
    private static void prepareOnce(Path home, SQLiteDataSource ds, Connection c) throws SQLException, IOException {
        synchronized (SqliteDatabase.class) {
            try (FileChannel channel = FileChannel.open(home.resolve(MIGRATION_LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                if (!inWriteAheadLog(c)) useWriteAheadLog(c);
                if (userVersion(c) >= SCHEMA_VERSION) return;
                SqliteMigrations.apply(ds);
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
                }
            }
        }
    }
}
