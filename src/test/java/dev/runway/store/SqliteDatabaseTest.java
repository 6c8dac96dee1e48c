package dev.runway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {

    @TempDir
    Path tmp;

    @Test
    void the_schema_version_checked_at_open_is_the_newest_migration() throws Exception {
        Path dir = Path.of(SqliteDatabase.class.getResource("/db/migration/sqlite").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            int newest = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max().orElseThrow();
            assertThat(SqliteDatabase.SCHEMA_VERSION).isEqualTo(newest);
        }
    }

    /** Settings built ahead (status warms them up) go to exactly one connection, with every pragma Runway sets. */
    @Test
    void connections_opened_after_a_warm_up_each_get_full_sync_and_foreign_keys() throws Exception {
        SqliteDatabase.warmUp();
        SqliteDatabase.warmUp();
        List<Thread> threads = new ArrayList<>();
        List<String> pragmas = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            Path home = tmp.resolve("home-" + i);
            threads.add(Thread.ofPlatform().start(() -> {
                try (Connection c = SqliteDatabase.open(home); Statement s = c.createStatement()) {
                    pragmas.add(pragma(s, "synchronous") + "/" + pragma(s, "foreign_keys"));
                } catch (Exception e) {
                    pragmas.add(e.toString());
                }
            }));
        }
        for (Thread t : threads) t.join();
        assertThat(pragmas).as("synchronous=FULL (2) / foreign_keys on, per connection").containsExactly("2/1", "2/1", "2/1", "2/1");
    }

    private static int pragma(Statement s, String name) throws java.sql.SQLException {
        try (var rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * The demo's run and its approver open a new home together; on a loaded CI machine one was
     * told "database is locked" while switching the new file to WAL.
     */
    @Test
    void processes_opening_a_new_home_at_the_same_moment_all_open_it() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        for (int round = 0; round < 2; round++) {
            Path home = tmp.resolve("home-" + round);
            Path go = tmp.resolve("go-" + round);
            List<Process> children = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                children.add(new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                        System.getProperty("java.class.path"), OpenHomeChild.class.getName(), home.toString(), go.toString())
                        .redirectErrorStream(true).start());
            }
            Thread.sleep(1500); // every child started and is spinning on the signal
            Files.createFile(go);
            for (Process child : children) {
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
                String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(output).as("a child's output").isEqualTo("opened\n");
                assertThat(child.exitValue()).isZero();
            }
            try (Connection c = SqliteDatabase.open(home); Statement s = c.createStatement();
                 var rs = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
        }
    }
}
