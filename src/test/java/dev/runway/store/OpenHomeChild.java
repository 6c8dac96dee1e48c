package dev.runway.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A separate process for {@link SqliteDatabaseTest}: waits for a start signal so that several
 * of it open the same new home at the same moment, then writes as a run would.
 */
public final class OpenHomeChild {

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path go = Path.of(args[1]);
        while (!Files.exists(go)) Thread.onSpinWait();
        try (Connection c = SqliteDatabase.open(home); Statement s = c.createStatement()) {
            for (int i = 0; i < 20; i++) {
                s.execute("BEGIN IMMEDIATE");
                s.execute("PRAGMA user_version");
                s.execute("COMMIT");
            }
            System.out.println("opened");
        }
    }
}
