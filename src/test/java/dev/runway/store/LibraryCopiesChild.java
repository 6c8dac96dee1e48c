package dev.runway.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A fresh JVM for {@link SqliteNativeTest}: opens the database the way its first argument says
 * ({@code driver-first}: a plain {@code jdbc:sqlite:} connection, as a test or a tool would,
 * then Runway's store; {@code runway-first}: the other way round), reads the journal, and prints
 * how many distinct copies of SQLite's native library the process has mapped.
 */
public final class LibraryCopiesChild {

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[1]);
        if (args[0].equals("driver-first")) {
            plainConnection(home);
            runwayStore(home);
        } else {
            runwayStore(home);
            plainConnection(home);
        }
        try (var maps = Files.lines(Path.of("/proc/self/maps"))) {
            System.out.println(maps.filter(l -> l.contains("sqlitejdbc")).map(l -> l.substring(l.lastIndexOf(' ') + 1)).distinct().count());
        }
    }

    private static void plainConnection(Path home) throws Exception {
        Files.createDirectories(home);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("other.db")); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS t (a)");
        }
    }

    private static void runwayStore(Path home) {
        try (SqliteJournalStore store = new SqliteJournalStore(home)) {
            store.chain();
        }
    }
}
