package dev.runway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SqliteDatabaseTest {

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
}
