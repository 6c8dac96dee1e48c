package dev.runway.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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

    /** Bump together with a new migration file in db/migration/sqlite. */
    static final int SCHEMA_VERSION = 3;

    private SqliteDatabase() {}

    public static Connection open(Path home) {
        SqliteNative.prepare();
        try {
            Files.createDirectories(home);
            Path file = home.resolve("runway.db");
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(30_000);
            config.enforceForeignKeys(true);
            SQLiteDataSource ds = new SQLiteDataSource(config);
            ds.setUrl("jdbc:sqlite:" + file);
            Connection c = ds.getConnection();
            if (userVersion(c) < SCHEMA_VERSION) {
                migrate(ds);
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
                }
            }
            return c;
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("cannot open the Runway database in " + home + ": " + e.getMessage(), e);
        }
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void migrate(SQLiteDataSource ds) {
        SqliteMigrations.apply(ds);
    }
}
