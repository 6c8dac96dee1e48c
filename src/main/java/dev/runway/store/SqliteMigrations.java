package dev.runway.store;

import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;

/**
 * Flyway, in a class of its own: the JVM then loads Flyway's classes only when a schema is
 * actually behind, not on every CLI call that opens the database.
 */
final class SqliteMigrations {

    private SqliteMigrations() {}

    static void apply(SQLiteDataSource ds) {
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration/sqlite")
                .loggers("slf4j")
                .load()
                .migrate();
    }
}
